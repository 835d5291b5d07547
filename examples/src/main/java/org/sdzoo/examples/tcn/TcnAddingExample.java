package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.sequence.AddingProblem;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plot.FitPlot;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * The adding problem as locuslab's {@code add_test.py}: 50,000 training and 1,000 test sequences of
 * length T (200 here, {@code --length 600} for the paper's table), a TCN of 8 levels of 30 with
 * kernel 7 and a last-step linear head, MSE, Adam 4e-3, batch 32, 10 epochs, no clipping or dropout.
 * The test MSE is printed beside the paper's 5.8e-5 (at T = 600) and the 0.167 of always answering 1;
 * {@code prediction.png} shows the test predictions against their targets.
 */
public final class TcnAddingExample extends TcnExample<SequenceSplits> {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-adding";
    /** The paper's test MSE at T = 600 (Bai et al. 2018, table 1). */
    static final double PAPER_MSE = 5.8e-5;
    static final int DEFAULT_LENGTH = 200;
    static final int TRAIN_SIZE = 50_000;

    @Override
    public About about() {
        return new About(NAME, "TCN on the adding problem (Bai et al. 2018), T=200 (--length 600 for the paper's),"
                + " test MSE beside the paper's 5.8e-5", TcnConfig.ARCHITECTURE,
                "no --data: generated sequences; --length T, --samples N training sequences");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("length", "samples");
    }

    @Override
    public Task task() {
        return new RegressionTask(RegressionTask.Loss.MSE);
    }

    /** locuslab's add_test.py: Adam 4e-3, 10 epochs, seed 1111, no clipping. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(4e-3).epochs(10).seed(1111).build();
    }

    @Override
    public SequenceSplits data(DataSource source) {
        return SequenceSplits.generated(NAME, source, DEFAULT_LENGTH, TRAIN_SIZE,
                (n, length, seed) -> AddingProblem.generate(n, length, seed, DataType.FLOAT), "AddingProblem");
    }

    @Override
    protected TcnConfig.Builder locuslab(SequenceSplits data) {
        return config();
    }

    static TcnConfig.Builder config() {
        return TcnConfig.builder().levels(8, 30).kernelSize(7).dropout(0.0).head(TcnHead.LAST_STEP).outputs(1);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, SequenceSplits data, RunContext run)
            throws IOException {
        double mse = test(trained, data).get("mse");
        plot(run, trained, data);
        ResultTable table = table("TCN on the adding problem, T=" + data.length(), training, "training loss (MSE)", run)
                .header("test MSE", "Bai et al. 2018 (T=600)")
                .row("test_mse", mse, PAPER_MSE)
                .row("mean_baseline_mse", AddingProblem.MEAN_BASELINE_MSE, null)
                .note("mean_baseline_mse is always answering 1. The paper's figure is at T=600 after 10 epochs"
                        + " of 50,000 sequences (sdzoo train " + NAME + " --length 600).")
                .fact("length", data.length()).fact("training_sequences", data.train().size());
        return withModelFacts(table, trained);
    }

    /** The paper reports one run. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(1, "test_mse", PAPER_MSE, "Bai, Kolter, Koltun 2018, table 1 (T=600)"));
    }

    /** The shapes: batch 32, T = 600, 8 levels of 30, kernel 7. */
    @Override
    public Optional<BenchSpec> bench(long seed) {
        SequenceData batch = AddingProblem.generate(SequenceSplits.GENERATED_BATCH, 600, seed, DataType.FLOAT);
        return bench("adding", "adding problem, batch 32, T=600, 8x30, kernel 7, float32",
                config().inputChannels(2).seed(seed).build(), batch.asBatch(), 300.4, 60.5);
    }

    /** The test targets in increasing order with the predictions beside them. */
    private static void plot(RunContext run, ZooModel model, SequenceSplits data) throws IOException {
        int n = (int) Math.min(200, data.test().size());
        INDArray x = data.test().features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n));
        double[] target = data.test().labels().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] predicted = model.predict(x).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> target[i]))
                .mapToInt(Integer::intValue).toArray();
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("target", Arrays.stream(order).mapToDouble(i -> target[i]).toArray());
        lines.put("TCN", Arrays.stream(order).mapToDouble(i -> predicted[i]).toArray());
        FitPlot.write(run.file("prediction.png"), "Adding problem: " + n + " test sequences by target",
                new FitPlot.Axes("test sequence, sorted by target", "sum of the two marked values"),
                IntStream.range(0, n).asDoubleStream().toArray(), lines, null, null);
    }
}
