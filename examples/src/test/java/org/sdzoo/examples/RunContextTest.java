package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.zoo.train.LoggingListener;
import org.sdzoo.zoo.train.ProgressBarListener;

/** The terminal has one owner, and the data files' digests. */
class RunContextTest {

    @TempDir
    Path tmp;

    @Test
    void theBarOnATerminalLogLinesElsewhereNeverBoth() {
        assertEquals(List.of(ProgressBarListener.class),
                RunContext.consoleListeners(true, false).stream().map(Object::getClass).toList());
        assertEquals(List.of(LoggingListener.class),
                RunContext.consoleListeners(false, false).stream().map(Object::getClass).toList());
        assertTrue(RunContext.consoleListeners(true, true).isEmpty());
    }

    @Test
    void sha256OfAFile() throws Exception {
        Path f = tmp.resolve("abc.csv");
        Files.writeString(f, "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                RunContext.sha256(List.of(f)).get("abc.csv"));
    }
}
