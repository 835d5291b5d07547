package org.sdzoo.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand: {@link #execute} does the work; a user error it throws becomes one line on
 * standard error and exit code 1, however the {@link CommandLine} was built.
 */
abstract class SdzooCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Does the command's work; returns the exit code. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CommandLine.ParameterException e) {
            throw e;    // a usage error: picocli reports it with exit code 2
        } catch (Exception e) {
            return Errors.report(e, spec.commandLine().getErr(), Errors.verbose(spec.commandLine()));
        }
    }

    /** @return the command's standard output */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints and flushes. */
    void print(String text) {
        out().print(text);
        out().flush();
    }

    /** @return a usage error naming the command */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
