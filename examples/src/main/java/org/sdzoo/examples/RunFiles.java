package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.datasets.AtomicFiles;

/** Where a run writes and how it writes its {@code result.json}. */
public final class RunFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFiles() {
    }

    /** @return {@code out}, or {@code runs/<name>-<yyyyMMdd-HHmmss>} under the working directory */
    public static Path outDir(Path out, String name) {
        return out != null ? out : Path.of("runs", name + "-" + LocalDateTime.now().format(STAMP));
    }

    /** Writes {@code values} as pretty JSON with sorted keys, atomically. */
    public static void writeJson(Path file, Map<String, ?> values) throws IOException {
        AtomicFiles.writeString(file, ConfigJson.write(values) + "\n");
    }
}
