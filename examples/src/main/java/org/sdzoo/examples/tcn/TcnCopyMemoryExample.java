package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.sequence.CopyMemory;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plot.FitPlot;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Copy memory as locuslab's {@code copymem_test.py}: 10 digits, T blanks (100 here; the paper uses
 * 1000, {@code --length 1000}), 11 markers; recall the digits in the last 10 steps. 10,000 training
 * and 1,000 test sequences, a TCN of 8 levels of 10 with kernel 8 and a per-step head of 10 classes,
 * cross-entropy over every step, RMSprop 5e-4, batch 32, 50 epochs. locuslab's script calls
 * {@code clip_grad_norm_} before {@code backward()}, so its clipping never acts: none here either.
 * The test loss is printed beside the paper's 3.5e-5 (at T = 1000) and the loss of guessing;
 * {@code recall.png} shows the test accuracy at each recall position.
 */
public final class TcnCopyMemoryExample extends TcnExample<SequenceSplits> {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-copy-memory";
    /** The paper's test loss (cross-entropy per step) at T = 1000 (Bai et al. 2018, table 1). */
    static final double PAPER_LOSS = 3.5e-5;
    static final int DEFAULT_BLANK = 100;
    static final int TRAIN_SIZE = 10_000;

    @Override
    public About about() {
        return new About(NAME, "TCN on copy memory (Bai et al. 2018), T=100 blanks (--length 1000 for the paper's),"
                + " test loss beside the paper's 3.5e-5", TcnConfig.ARCHITECTURE,
                "no --data: generated sequences; --length T blanks, --samples N training sequences");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("length", "samples");
    }

    /** Cross-entropy averaged over every step of every sequence, as locuslab's. */
    @Override
    public Task task() {
        return new MaskedClassificationTask(CopyMemory.NUM_CLASSES);
    }

    /** locuslab's copymem_test.py: RMSprop 5e-4, 50 epochs, seed 1111. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().optimizer(Optimizer.RMSPROP).learningRate(5e-4).epochs(50).seed(1111).build();
    }

    /** Blank length T from {@code --length}; locuslab's memory of 10 digits. */
    @Override
    public SequenceSplits data(DataSource source) {
        return SequenceSplits.generated(NAME, source, DEFAULT_BLANK, TRAIN_SIZE, (n, blank, seed) ->
                CopyMemory.generate(n, blank, CopyMemory.DEFAULT_MEMORY, seed, DataType.FLOAT), "CopyMemory");
    }

    @Override
    protected TcnConfig.Builder locuslab(SequenceSplits data) {
        return TcnConfig.builder().levels(8, 10).kernelSize(8).dropout(0.0).head(TcnHead.PER_STEP)
                .outputs(CopyMemory.NUM_CLASSES);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, SequenceSplits data, RunContext run)
            throws IOException {
        Map<String, Double> test = test(trained, data);
        int memory = CopyMemory.DEFAULT_MEMORY;
        int blank = (int) data.length() - 2 * memory;
        double[] recall = recallAccuracy(trained, data, memory);
        FitPlot.write(run.file("recall.png"), "Copy memory: test accuracy at each recall step",
                new FitPlot.Axes("recall step", "test accuracy (fraction of sequences)"),
                IntStream.rangeClosed(1, memory).asDoubleStream().toArray(), Map.of("accuracy", recall), null, null);
        ResultTable table = table("TCN on copy memory, T=" + blank, training, "training loss (cross-entropy per step)",
                        run)
                .header("test", "Bai et al. 2018 (T=1000)")
                .row("test_loss", test.get("loss"), PAPER_LOSS)
                .row("test_accuracy", test.get("accuracy"), null)
                .row("recall_accuracy", java.util.Arrays.stream(recall).average().orElse(Double.NaN), null)
                .row("guessing_loss", CopyMemory.guessingBaseline(blank, memory), null)
                .note("test_loss is the cross-entropy per step over all " + data.length() + " steps (locuslab's);"
                        + " recall_accuracy counts the last " + memory + " steps only; guessing_loss predicts blanks"
                        + " and then guesses among the 8 digits. The paper's figure is at T=1000 (--length 1000).")
                .fact("blank_length", blank).fact("training_sequences", data.train().size());
        return withModelFacts(table, trained);
    }

    /** @return the test accuracy at each of the last {@code memory} steps */
    private static double[] recallAccuracy(ZooModel model, SequenceSplits data, int memory) {
        int n = (int) Math.min(SequenceSplits.EVALUATION_BATCH, data.test().size());
        long t = data.length();
        INDArray logits = model.predict(data.test().features().get(NDArrayIndex.interval(0, n)));     // [B, T, 10]
        INDArray predicted = logits.get(NDArrayIndex.all(), NDArrayIndex.interval(t - memory, t), NDArrayIndex.all())
                .argMax(2).castTo(DataType.DOUBLE);                                                         // [B, M]
        INDArray truth = data.test().labels().get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(t - memory, t))
                .castTo(DataType.DOUBLE);                                                                   // [B, M]
        return predicted.eq(truth).castTo(DataType.DOUBLE).mean(0).toDoubleVector();
    }

    /** The paper reports one run. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(1, "test_loss", PAPER_LOSS, "Bai, Kolter, Koltun 2018, table 1 (T=1000)"));
    }

}
