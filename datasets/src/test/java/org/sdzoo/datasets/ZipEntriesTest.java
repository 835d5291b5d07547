package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipEntriesTest {

    private static final int CENTRAL_HEADER = 0x02014b50;

    @TempDir
    Path dir;

    @Test
    void readsAnEntryWithinItsBound() throws IOException {
        byte[] content = "{\"a\": 1}".getBytes();
        Path file = zip(content);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertArrayEquals(content, ZipEntries.read(zip, zip.getEntry("e"), content.length, "e", "allowed"));
        }
    }

    @Test
    void aDeclaredSizeOverTheBoundIsRefusedBeforeInflating() throws IOException {
        Path file = zip(new byte[4096]);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ZipEntries.read(zip, zip.getEntry("e"), 1024, "x.zip entry 'e'", "allowed for a test"));
            assertEquals("x.zip entry 'e' would inflate to 4.0 KiB, more than the 1.0 KiB allowed for a test: the file"
                    + " is damaged or made to exhaust memory, so it is refused", e.getMessage());
        }
    }

    @Test
    void anEntryThatInflatesBeyondTheSizeItDeclaresIsRefusedWhileInflating() throws IOException {
        Path file = zip(new byte[4096]);
        declareSize(file, 100);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(100, zip.getEntry("e").getSize(), "the zip lies about the entry's size");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ZipEntries.read(zip, zip.getEntry("e"), 1024, "x.zip entry 'e'", "allowed for a test"));
            assertTrue(e.getMessage().startsWith("x.zip entry 'e' inflates to more than 1.0 KiB, more than the 1.0 KiB"),
                    e.getMessage());
        }
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("812 bytes", ZipEntries.bytes(812));
        assertEquals("1.0 MiB", ZipEntries.bytes(1 << 20));
        assertEquals("3.2 GiB", ZipEntries.bytes((long) (3.2 * (1L << 30))));
    }

    private Path zip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("e"));
            zip.write(content);
        }
        Path file = dir.resolve("x.zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** Rewrites the uncompressed size in the central directory, which is what ZipFile reports. */
    private static void declareSize(Path file, int size) throws IOException {
        ByteBuffer zip = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= zip.limit(); i++) {
            if (zip.getInt(i) == CENTRAL_HEADER) {
                zip.putInt(i + 24, size);
            }
        }
        Files.write(file, zip.array());
    }
}
