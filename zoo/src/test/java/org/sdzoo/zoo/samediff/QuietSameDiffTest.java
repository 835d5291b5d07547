package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietSameDiffTest {

    @Test
    void dropsOnlyTheDifferentiatedOpLinesAndRestoresStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            String value = QuietSameDiff.run(() -> {
                System.out.println("Added differentiated op mmul");
                System.out.println("kept line");
                System.out.print("Added differentiated op partial");
                System.out.println(" end");
                System.out.print("no newline");
                return "done";
            });
            assertEquals("done", value);
            assertSame(capture, System.out, "System.out is restored");
        } finally {
            System.setOut(original);
        }
        assertEquals("kept line\nno newline", captured.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }
}
