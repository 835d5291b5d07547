package org.sdzoo.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of sdzoo. */
public final class Sdzoo {

    private static final String VERSION = readVersion();

    private Sdzoo() {
    }

    /** @return the version of sdzoo on the class path, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String version() {
        return VERSION;
    }

    /**
     * Compares two versions by their numeric major and minor parts only.
     *
     * @return negative, zero or positive as {@code a} is older, equal or newer than {@code b}
     */
    public static int compareMajorMinor(String a, String b) {
        int[] x = majorMinor(a);
        int[] y = majorMinor(b);
        return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
    }

    private static int[] majorMinor(String version) {
        String[] parts = version.split("[.-]");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + version + "' is not a version of the form MAJOR.MINOR.PATCH");
        }
    }

    private static String readVersion() {
        try (InputStream in = Sdzoo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the sdzoo-zoo jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
