package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The one line a file error becomes: the file as the user named it, and the cause in words. */
class ErrorsTest {

    @Test
    void fileErrorsSayTheCauseInWordsNotTheExceptionClass() {
        assertEquals("cannot use runs/x: permission denied", Errors.message(new AccessDeniedException("runs/x")));
        assertEquals("cannot use m.sdz: it already exists", Errors.message(new FileAlreadyExistsException("m.sdz")));
        assertEquals("cannot use a/b.npy: no such file or directory",
                Errors.message(new NoSuchFileException("a/b.npy")));
    }

    @Test
    void temporaryNamesBecomeTheFileTheUserNamed() {
        String part = "out/.model.sdz.0b3f7a3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c.part";
        assertEquals("cannot use out/model.sdz: permission denied", Errors.message(new AccessDeniedException(part)));
        assertEquals("cannot write out/model.sdz: No space left on device",
                Errors.message(new IOException("cannot write " + part + ": No space left on device")));
        assertEquals("cannot use x.csv: no such file or directory",
                Errors.message(new UncheckedIOException(new NoSuchFileException("x.csv"))));
    }
}
