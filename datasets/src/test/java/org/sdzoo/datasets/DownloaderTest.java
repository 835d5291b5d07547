package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

    /** SHA-256 of the ASCII bytes "hello\n", as printed by sha256sum. */
    private static final String HELLO_SHA = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    /** Port 9 (discard) on localhost is closed here, so the connection is refused at once. */
    private static final URI UNREACHABLE = URI.create("http://127.0.0.1:9/x");

    @TempDir
    Path dir;

    @Test
    void sha256MatchesSha256sum() throws IOException {
        Path f = dir.resolve("hello.txt");
        Files.writeString(f, "hello\n", StandardCharsets.US_ASCII);
        assertEquals(HELLO_SHA, Downloader.sha256(f));
    }

    @Test
    void existingFileWithRightHashIsReturnedWithoutNetwork() throws IOException {
        Files.createDirectories(dir.resolve("toy"));
        Files.writeString(dir.resolve("toy/hello.txt"), "hello\n", StandardCharsets.US_ASCII);
        DatasetFile file = new DatasetFile("toy greeting", "toy/hello.txt", UNREACHABLE, HELLO_SHA.toUpperCase());
        assertEquals(dir.resolve("toy/hello.txt").toAbsolutePath(), Downloader.ensure(file, dir));
    }

    @Test
    void existingFileWithWrongHashIsReportedCorrupt() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hullo\n", StandardCharsets.US_ASCII);
        DatasetFile file = new DatasetFile("toy greeting", "hello.txt", UNREACHABLE, HELLO_SHA);
        IOException e = assertThrows(IOException.class, () -> Downloader.ensure(file, dir));
        String m = e.getMessage();
        assertTrue(m.contains("corrupt") && m.contains(HELLO_SHA) && m.contains("delete it"), m);
        assertTrue(m.contains(dir.resolve("hello.txt").toAbsolutePath().toString()), m);
        assertTrue(Files.exists(dir.resolve("hello.txt")), "a corrupt file is left for the user to inspect");
    }

    @Test
    void unreachableServerSaysWhereToPlaceTheFile() throws IOException {
        DatasetFile file = new DatasetFile("toy greeting", "toy/hello.txt", UNREACHABLE, HELLO_SHA);
        IOException e = assertThrows(IOException.class, () -> Downloader.ensure(file, dir));
        String m = e.getMessage();
        assertTrue(m.startsWith("Could not download toy greeting from http://127.0.0.1:9/x ("), m);
        assertTrue(m.contains("without network, place the file at " + dir.resolve("toy/hello.txt").toAbsolutePath()), m);
        assertTrue(m.contains("(sha256 " + HELLO_SHA + ") and run again."), m);
        try (Stream<Path> left = Files.list(dir.resolve("toy"))) {
            assertFalse(left.findAny().isPresent(), "no temporary file is left behind");
        }
    }

    @Test
    void datasetFileValidatesItsFields() {
        IllegalArgumentException hash = assertThrows(IllegalArgumentException.class,
                () -> new DatasetFile("cora", "cora/x", UNREACHABLE, "abc"));
        assertTrue(hash.getMessage().contains("sha256") && hash.getMessage().contains("sha256sum"), hash.getMessage());
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> new DatasetFile("cora", "../etc/passwd", UNREACHABLE, HELLO_SHA));
        assertTrue(escape.getMessage().contains("'../etc/passwd'"), escape.getMessage());
        IllegalArgumentException absolute = assertThrows(IllegalArgumentException.class,
                () -> new DatasetFile("cora", "/etc/passwd", UNREACHABLE, HELLO_SHA));
        assertTrue(absolute.getMessage().contains("relative path"), absolute.getMessage());
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> new DatasetFile("cora", "cora/x", URI.create("ftp://host/x"), HELLO_SHA));
        assertTrue(scheme.getMessage().contains("http"), scheme.getMessage());
    }
}
