package org.sdzoo.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads zip entries against a bound, so that a damaged or hostile archive (a few megabytes that
 * inflate to gigabytes) is refused in one sentence instead of filling the memory. The bound is
 * checked on the size the zip declares before anything is inflated, then while inflating (the
 * declared size may lie), and the entry's bytes are allocated only once their count is known.
 */
public final class ZipEntries {

    /** The largest Java array the JVM allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ZipEntries() {
    }

    /**
     * Reads one entry, inflating it at most twice: once to count its bytes up to {@code limit},
     * then into an array of exactly that size.
     *
     * @param zip    the open archive
     * @param entry  the entry to read
     * @param limit  the most bytes the entry may hold
     * @param source the entry for messages, e.g. {@code "runs/nw/model.sdz entry 'config.json'"}
     * @param bound  what the limit is, for messages, e.g. {@code "allowed for a config"}
     * @return the inflated bytes
     * @throws IllegalArgumentException when the entry holds more than {@code limit} bytes or more
     *                                  than this JVM can allocate
     * @throws IOException              when reading fails (a damaged entry is a
     *                                  {@link java.util.zip.ZipException})
     */
    public static byte[] read(ZipFile zip, ZipEntry entry, long limit, String source, String bound)
            throws IOException {
        long cap = Math.min(limit, MAX_ARRAY);
        if (entry.getSize() > cap) {
            throw tooLarge(source, "would inflate to " + bytes(entry.getSize()), cap, bound);
        }
        long size = count(zip, entry, cap);
        if (size > cap) {
            throw tooLarge(source, "inflates to more than " + bytes(cap), cap, bound);
        }
        Runtime runtime = Runtime.getRuntime();
        if (size > runtime.maxMemory() / 2) {
            throw new IllegalArgumentException(source + " holds " + bytes(size) + ", more than half of the "
                    + bytes(runtime.maxMemory()) + " this JVM may use: run it with a larger -Xmx");
        }
        byte[] content = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int read = in.readNBytes(content, 0, content.length);
            if (read != content.length || in.read() != -1) {
                throw new IOException(source + " changed while it was read");
            }
        }
        return content;
    }

    /** Inflates the entry without keeping it and returns its size, or {@code cap + 1} if larger. */
    private static long count(ZipFile zip, ZipEntry entry, long cap) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > cap) {
                    return cap + 1;
                }
            }
        }
        return total;
    }

    private static IllegalArgumentException tooLarge(String source, String size, long cap, String bound) {
        return new IllegalArgumentException(source + " " + size + ", more than the " + bytes(cap) + " " + bound
                + ": the file is damaged or made to exhaust memory, so it is refused");
    }

    /**
     * Formats a byte count for people: {@code 812 bytes}, {@code 1.0 MiB}, {@code 3.2 GiB}.
     *
     * @param n a count of bytes
     * @return the text
     */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
