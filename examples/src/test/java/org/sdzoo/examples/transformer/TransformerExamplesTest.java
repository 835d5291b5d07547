package org.sdzoo.examples.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;

/** The synthetic-task examples through the code path of {@code sdzoo train}, with a small budget. */
class TransformerExamplesTest {

    @TempDir
    Path tmp;

    @Test
    void copyTrainsAndWritesTheExactMatchRateAndOneHeatmapPerHead() throws Exception {
        Path out = tmp.resolve("copy");
        Path config = tmp.resolve("small.json");
        Files.writeString(config, "{\"dModel\": 16, \"numHeads\": 2, \"dimFeedforward\": 16, \"numEncoderLayers\": 1,"
                + " \"numDecoderLayers\": 1}");
        ExampleRunner.train(new TransformerCopyExample(), new RunRequest(out, null, 1, null, 10L, config, null, List.of(),
                null, null, true, null, false));
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        double rate = json.get(SequenceTaskExample.GREEDY_EXACT_MATCH_RATE).asDouble();
        assertTrue(rate >= 0 && rate <= 1, "rate " + rate);
        assertEquals(1, json.get("losses").size());
        assertTrue(Files.size(out.resolve("cross_attention_head0.png")) > 0);
        assertTrue(Files.size(out.resolve("cross_attention_head1.png")) > 0);
        assertTrue(Files.size(out.resolve("model.sdz")) > 0);
    }

    @Test
    void exactMatchNeedsEveryTokenAndTheEnd() {
        var tgt = Nd4j.createFromArray(new double[][] {{1, 3, 4, 2, 0}, {1, 5, 2, 0, 0}});
        assertEquals(0.5, SequenceTaskExample.exactMatchRate(new int[][] {{3, 4}, {5, 5}}, tgt));
        assertEquals(1.0, SequenceTaskExample.exactMatchRate(new int[][] {{3, 4}, {5}}, tgt));
        assertEquals(0.5, SequenceTaskExample.exactMatchRate(new int[][] {{3, 4, 4}, {5}}, tgt));
    }
}
