package org.sdzoo.zoo.samediff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Hides SameDiff's "Added differentiated op ..." lines. SameDiff M2.1 prints one such line per op
 * with {@code System.out.println} the first time it builds a gradient graph, which is debugging
 * output, not a message for the user, and it cannot be turned off by a logger level. While a
 * {@link #run} is in progress, {@code System.out} is replaced by a stream that drops whole lines
 * starting with that prefix and forwards every other line unchanged.
 */
public final class QuietSameDiff {

    /** The prefix of the lines dropped. */
    public static final String PREFIX = "Added differentiated op";

    /** Work that may throw a checked exception. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T get() throws E;
    }

    private QuietSameDiff() {
    }

    /** Runs {@code work} with SameDiff's gradient-building lines filtered out of {@code System.out}. */
    public static synchronized <T, E extends Exception> T run(Work<T, E> work) throws E {
        PrintStream original = System.out;
        LineFilter filter = new LineFilter(original);
        System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
        try {
            return work.get();
        } finally {
            System.setOut(original);
            filter.flushRemainder();
        }
    }

    /** Buffers one line at a time and forwards it unless it starts with {@link #PREFIX}. */
    static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                forwardLine();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        synchronized void flushRemainder() {
            if (line.size() > 0) {
                forwardLine();
            }
            target.flush();
        }

        private void forwardLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!text.startsWith(PREFIX)) {
                try {
                    target.write(text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    target.print(text);
                }
            }
        }
    }
}
