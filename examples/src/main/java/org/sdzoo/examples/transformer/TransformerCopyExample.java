package org.sdzoo.examples.transformer;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TeacherForcing;
import org.sdzoo.zoo.models.transformer.TransformerConfig;

/**
 * The Annotated Transformer's copy task: random sequences of length 10 over a vocabulary of 11
 * (8 symbols besides pad, bos and eos), a 2+2-layer Transformer, greedy decoding must copy them
 * exactly.
 */
public final class TransformerCopyExample extends SequenceTaskExample {

    /** The example's name on the command line. */
    public static final String NAME = "transformer-copy";

    /** Iterations per timed repeat of {@code sdzoo bench transformer-copy}: its steps take about a second. */
    static final int BENCH_ITERATIONS = 2;

    public TransformerCopyExample() {
        super(SyntheticSequences.Task.COPY, 3200, 10, 10, 10);
    }

    @Override
    public About about() {
        return new About(NAME, "Transformer copy task (Annotated Transformer): vocabulary 11, length 10, 2+2 layers;"
                + " greedy exact-match rate", TransformerConfig.ARCHITECTURE, "no --data: the sequences are generated");
    }

    /**
     * The benchmark shapes, not the copy task's: D 128, 4 heads, FFN 512, 3+3 layers,
     * dropout 0.1, vocabulary 1000, batch 64, source and target length 32, random ids; float32.
     */
    @Override
    public Optional<BenchSpec> bench(long seed) {
        int vocab = 1000;
        int batch = 64;
        int length = 32;
        TransformerConfig config = TransformerConfig.builder().vocabSize(vocab).dModel(128).numHeads(4)
                .dimFeedforward(512).layers(3).dropout(0.1).maxLen(64).seed(seed).build();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] src = new double[batch][length];
        double[][] tgt = new double[batch][length + 1];
        for (int b = 0; b < batch; b++) {
            tgt[b][0] = SyntheticSequences.BOS;
            for (int t = 0; t < length; t++) {
                src[b][t] = SyntheticSequences.FIRST_SYMBOL + random.nextInt(vocab - SyntheticSequences.FIRST_SYMBOL);
                tgt[b][t + 1] = SyntheticSequences.FIRST_SYMBOL + random.nextInt(vocab - SyntheticSequences.FIRST_SYMBOL);
            }
        }
        var teacherForced = TeacherForcing.batch(Nd4j.createFromArray(src), Nd4j.createFromArray(tgt),
                SyntheticSequences.PAD, DataType.FLOAT);
        // A step takes about a second: BENCH_ITERATIONS per repeat, whatever --iterations says.
        return Optional.of(new BenchSpec(List.of(new BenchSpec.Variant("", "D 128, 4 heads, FFN 512, 3+3 layers,"
                + " vocab 1000, batch 64, lengths 32, float32", () -> new BenchSpec.Subject(
                        Seq2SeqTransformer.create(config), teacherForced),
                new BenchSpec.TorchBench(TransformerBench.TORCH_SCRIPT, "train_step_ms", "forward_ms",
                        TransformerBench.RECORDED_TRAIN_MS, TransformerBench.RECORDED_FORWARD_MS,
                        BenchSpec.TorchBench.LAST_QUIET_LAUNCH), BENCH_ITERATIONS))));
    }
}
