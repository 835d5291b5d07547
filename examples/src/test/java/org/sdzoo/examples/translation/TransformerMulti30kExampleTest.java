package org.sdzoo.examples.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;

class TransformerMulti30kExampleTest {

    /** Two steps on 64 training pairs with a narrow model, 4 test sentences: the whole path, not the score. */
    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void aShortRunWritesBleuHeatmapsAndAModelThatTranslates(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("small.json");
        Files.writeString(config, "{\"dModel\": 16, \"numHeads\": 2, \"dimFeedforward\": 32, \"numEncoderLayers\": 1,"
                + " \"numDecoderLayers\": 1}");
        Path out = dir.resolve("run");
        ExampleRunner.Outcome o = ExampleRunner.train(new TransformerMulti30kExample(64, 4), new RunRequest(out, 1L,
                null, null, 2L, config, null, null, null, null, true, null, false));
        JsonNode result = ConfigJson.mapper().readTree(out.resolve("result.json").toFile());
        assertTrue(result.toString().contains(TransformerMulti30kExample.TEST_BLEU), result.toString());
        assertTrue(o.table().measured(TransformerMulti30kExample.TEST_BLEU).orElseThrow() >= 0);
        assertTrue(Files.exists(out.resolve("cross_attention_head0.png")));
        assertTrue(Files.exists(out.resolve("cross_attention_head1.png")));
        assertEquals(4, Files.readAllLines(out.resolve("test2016.translations.txt")).size());
        Translator t = Translator.load(out.resolve("model.sdz"));
        assertEquals(1, t.translate(java.util.List.of("Ein Hund rennt."), 1).size());
    }
}
