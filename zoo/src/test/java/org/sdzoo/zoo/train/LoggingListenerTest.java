package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The progress lines a run without a terminal logs within an epoch. */
class LoggingListenerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.sdzoo.train");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final long[] now = {0};

    @BeforeEach
    void attach() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(events);
    }

    private List<String> progressLines() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(" step "))
                .toList();
    }

    @Test
    void logsAtMostOncePerIntervalWithTheMeanLossAndTheTimeLeft() {
        LoggingListener l = new LoggingListener(60, () -> now[0]);
        l.onTrainStart(1, 2, 100, 0);
        for (int step = 1; step <= 20; step++) {
            now[0] += 10_000_000_000L;   // 10 s per step
            l.onStep(1, step, step, 1e-3);
        }
        List<String> lines = progressLines();
        assertEquals(3, lines.size(), String.join("\n", lines));
        // Step 6: 60 s after the start, the mean of losses 1..6, 94 steps of 10 s left.
        assertEquals("epoch 1/2 step 6/100 (6.0%), 15m40s left: loss 3.50000 (mean of the last 6 steps), 10.0 s per step",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 1/2 step 12/100"), lines.get(1));
    }

    @Test
    void offByDefaultAndValidated() {
        LoggingListener l = new LoggingListener(0, () -> now[0]);
        l.onTrainStart(1, 1, 10, 0);
        for (int step = 1; step <= 10; step++) {
            now[0] += 100_000_000_000L;
            l.onStep(1, step, 1, 1e-3);
        }
        assertEquals(0, progressLines().size());
        assertThrows(IllegalArgumentException.class, () -> new LoggingListener(-1));
    }
}
