package org.sdzoo.examples.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.Experiments;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TeacherForcing;
import org.sdzoo.zoo.models.transformer.TransformerConfig;

/** {@code sdzoo bench transformer}'s parts that run fast: step counting, greedy timing on a tiny model, the registry. */
class TransformerBenchTest {

    @Test
    void decodeStepsCountTheLongestOutputWithItsEndAndStopAtTheLimit() {
        assertEquals(4, TransformerBench.decodeSteps(new int[][] {{5, 6, 7}, {5}}, 32));
        assertEquals(1, TransformerBench.decodeSteps(new int[][] {{}, {}}, 32));
        assertEquals(32, TransformerBench.decodeSteps(new int[][] {new int[32]}, 32));
    }

    @Test
    void greedyTimingCountsSentencesTimesDecoderPasses() {
        TransformerConfig config = TransformerConfig.builder().vocabSize(12).dModel(8).numHeads(2).dimFeedforward(8)
                .layers(1).maxLen(40).seed(3).build();
        var src = Nd4j.createFromArray(new double[][] {{4, 5, 6}, {7, 8, 9}});
        var tgt = Nd4j.createFromArray(new double[][] {{1, 4, 5}, {1, 7, 8}});
        var batch = TeacherForcing.batch(src, tgt, SyntheticSequences.PAD, DataType.FLOAT);
        TransformerBench.Greedy g = TransformerBench.greedy(new BenchSpec.Subject(Seq2SeqTransformer.create(config),
                batch), 3, 1, 1);
        assertTrue(g.tokens() >= 2 && g.tokens() <= 2 * 3, "tokens " + g.tokens());
        assertEquals(0, g.tokens() % 2);
        assertTrue(g.tokensPerSecond() > 0);
    }

    @Test
    void benchTransformerIsFoundByNameAndRefusesToReproduce() {
        var experiment = Experiments.find(TransformerExperiment.NAME).orElseThrow();
        var e = assertThrows(IllegalArgumentException.class, () -> experiment.reproduce(null, null));
        assertTrue(e.getMessage().contains("sdzoo train transformer-copy"), e.getMessage());
    }

    @Test
    void theCopyExamplesBenchRunsFewIterationsOfItsSecondLongStep() throws Exception {
        assertEquals(TransformerCopyExample.BENCH_ITERATIONS,
                new TransformerCopyExample().bench(1).orElseThrow().variants().get(0).iterations());
        assertThrows(IllegalArgumentException.class, () -> TransformerBench.run(0, 1, false, null));
    }
}
