package org.sdzoo.zoo.models.tcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.slf4j.LoggerFactory;

/** A sequence longer than the receptive field is logged once as an SLF4J warning naming both lengths. */
class TcnReceptiveFieldWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Tcn.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(events);
    }

    private List<ILoggingEvent> warnings() {
        return events.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void warnsOnceWhenTheSequenceIsLongerThanTheReceptiveField() {
        // kernel 2, 2 levels: 1 + 2·1·(1 + 2) = 7 steps
        ZooModel model = Tcn.create(TcnConfig.builder().inputChannels(1).channels(List.of(2, 2)).dropout(0).build());
        model.predict(Nd4j.rand(DataType.FLOAT, 2, 1, 7));
        assertEquals(List.of(), warnings(), "7 steps fit a receptive field of 7");
        model.predict(Nd4j.rand(DataType.FLOAT, 2, 1, 8));
        model.predict(Nd4j.rand(DataType.FLOAT, 2, 1, 9));
        assertEquals(1, warnings().size(), "one warning per model");
        String message = warnings().get(0).getFormattedMessage();
        assertTrue(message.contains("sequences of 8 steps are longer than this TCN's receptive field of 7 steps"),
                message);
    }
}
