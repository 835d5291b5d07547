package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void failureMidWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + target + ": disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFullDiskIsNamedWithTheFileAndTheCauseAndKeepsEarlierFiles() throws IOException {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(devFull), "needs Linux's /dev/full");
        Path earlier = dir.resolve("result.json");
        AtomicFiles.writeString(earlier, "{}");
        Path target = dir.resolve("loss.png");
        // The kernel's own ENOSPC: /dev/full fails every write as a full disk does.
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            try (OutputStream full = Files.newOutputStream(devFull)) {
                full.write(new byte[1]);
            }
        }));
        assertEquals("cannot write " + target + ": no space left on device", e.getMessage());
        assertEquals("{}", Files.readString(earlier));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(earlier), files.toList());
        }
    }

    @Test
    void aWrapperExceptionIsLookedThroughToItsCause() {
        Path target = Path.of("runs", "loss.png");
        IOException wrapped = new IOException("I/O error writing PNG file!", new IOException("Read-only file system"));
        assertEquals("cannot write runs/loss.png: read-only file system",
                AtomicFiles.failure(target, wrapped).getMessage());
        assertEquals("cannot write runs/loss.png: permission denied",
                AtomicFiles.failure(target, new AccessDeniedException("runs/.loss.png.1234.part")).getMessage());
    }

    @Test
    void aFileWhereADirectoryIsNeededIsNamed() throws IOException {
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        Path target = file.resolve("out.txt");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "new"));
        assertEquals("cannot write " + target + ": " + file + " is a file where a directory is needed", e.getMessage());
    }

    @Test
    void anUnwritableDirectorySaysPermissionDenied() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "root writes anywhere");
            Path target = locked.resolve("out.txt");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "new"));
            assertEquals("cannot write " + target + ": permission denied", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void successReplacesTheFileAndCreatesDirectories() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
    }
}
