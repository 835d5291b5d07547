package org.sdzoo.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Turns an exception into the one line the user sees and the exit code. Caller mistakes
 * ({@link IllegalArgumentException}, I/O failures, {@link IllegalStateException} with a message)
 * exit with 1; anything else is a bug in sdzoo, reported as an internal error with exit code 70.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Exit code of a user error: bad input, missing file, damaged model. */
    static final int USER_ERROR = 1;
    /** Exit code of a bug in sdzoo (sysexits' EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;

    /** AtomicFiles writes {@code dir/.NAME.<uuid>.part} first; the user knows only {@code dir/NAME}. */
    private static final Pattern TEMP_FILE = Pattern.compile("(^|[\\s/(])\\.([^/\\s]+?)\\.[0-9a-f-]{36}\\.part");

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        return report(ex, commandLine.getErr(), verbose(commandLine));
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("sdzoo: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Prints {@code sdzoo: <message>} (and the stack trace when verbose) and returns the exit code. */
    static int report(Throwable ex, PrintWriter err, boolean verbose) {
        boolean user = isUserError(ex);
        String message = message(ex);
        err.println("sdzoo: " + (user ? message : "internal error (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + message) + "); rerun with --verbose and report it"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return user ? USER_ERROR : INTERNAL_ERROR;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof UncheckedIOException
                || (ex instanceof IllegalStateException && ex.getMessage() != null);
    }

    /** The exception's sentence on one line; for file errors without one, what happened to which file. */
    static String message(Throwable ex) {
        if (ex instanceof FileSystemException f && f.getReason() == null) {
            return "cannot use " + userFile(f.getFile()) + ": " + cause(f);
        }
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
        return TEMP_FILE.matcher(text).replaceAll("$1$2");
    }

    private static String userFile(String file) {
        return file == null ? "a file" : TEMP_FILE.matcher(file).replaceAll("$1$2");
    }

    /** The operating system's cause in words, where Java gives only an exception class. */
    private static String cause(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        return "the file system refused it";
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static boolean verbose(CommandLine commandLine) {
        Object root = commandLine.getCommandSpec().root().userObject();
        return root instanceof SdzooCli cli && cli.verbose;
    }
}
