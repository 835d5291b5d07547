package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory from Linux's {@code /proc/self/status} ({@code VmHWM}: Java
 * heap, ND4J's off-heap buffers and native code alike), which {@code sdzoo bench} reports per
 * variant. Writing 5 to {@code /proc/self/clear_refs} resets the peak to the current resident size
 * (Linux 4.0 and later), so each variant's peak is its own plus what the process already held.
 */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Resets the peak where the kernel allows it; elsewhere the peak stays the process's. */
    static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | SecurityException e) {
            // not Linux, or not allowed: the reported peak is then the process's since it started
        }
    }

    /** @return the peak resident memory in MB (10^6 bytes), or NaN without {@code /proc/self/status} */
    static double megabytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024 / 1e6; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
