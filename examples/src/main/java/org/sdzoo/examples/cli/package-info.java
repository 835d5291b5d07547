/**
 * The {@code sdzoo} command line (picocli): {@code list}, {@code train}, {@code evaluate},
 * {@code predict}, {@code fine-tune}, {@code import-torch} and {@code bench}. A user's mistake
 * ends the command with exit code 1 and one line {@code sdzoo: <message>} on standard error
 * (2 for a malformed command line); {@code --verbose} adds the stack trace.
 */
package org.sdzoo.examples.cli;
