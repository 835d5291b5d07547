package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.datasets.sequence.SequentialMnist;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.ConfusionMatrix;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Schedule;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Sequential and permuted MNIST as locuslab's {@code pmnist_test.py}: each image a sequence of 784
 * pixels (one channel), a TCN of 8 levels of 25 with kernel 7, dropout 0.05 and a last-step head of
 * 10 classes, cross-entropy, Adam 2e-3 divided by 10 every 10 epochs, batch 64, 20 epochs, no
 * clipping (locuslab's default {@code --clip -1}). MNIST's IDX files come from {@code mnist/} in the
 * data directory. The test accuracy is printed beside the paper's; {@code confusion.png} shows the
 * test confusion matrix.
 */
abstract class MnistTcnExample extends TcnExample<SequenceSplits> {

    /** The seed of permuted MNIST's one fixed pixel order (locuslab's seed). */
    static final long PERMUTATION_SEED = 1111;
    static final int BATCH = 64;

    /** @return whether the pixels are read in the fixed permuted order */
    abstract boolean permuted();

    /** @return the paper's test accuracy in percent */
    abstract double paperAccuracy();

    @Override
    public List<String> dataOptions() {
        return List.of("samples");
    }

    @Override
    public Task task() {
        return new ClassificationTask(SequentialMnist.NUM_CLASSES);
    }

    /** locuslab's pmnist_test.py: Adam 2e-3, lr / 10 after epochs 10 and 20, 20 epochs, seed 1111. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(2e-3).schedule(Schedule.STEP).stepEpochs(10).stepGamma(0.1)
                .epochs(20).seed(1111).build();
    }

    /**
     * MNIST from {@code <data dir>/mnist}; {@code --samples N} takes the first N training images and
     * the first min(N, 10,000) test images.
     */
    @Override
    public SequenceSplits data(DataSource source) throws IOException {
        return SequenceSplits.mnist(name(), source, permuted() ? SequentialMnist.permutation(PERMUTATION_SEED) : null,
                BATCH);
    }

    @Override
    protected TcnConfig.Builder locuslab(SequenceSplits data) {
        return config();
    }

    static TcnConfig.Builder config() {
        return TcnConfig.builder().levels(8, 25).kernelSize(7).dropout(0.05).head(TcnHead.LAST_STEP)
                .outputs(SequentialMnist.NUM_CLASSES);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, SequenceSplits data, RunContext run)
            throws IOException {
        ConfusionMatrix confusion = ConfusionMatrix.of(trained, data.evaluation(), SequentialMnist.NUM_CLASSES);
        confusion.plot(run.file("confusion.png"), (permuted() ? "Permuted" : "Sequential") + " MNIST: test confusion",
                "digit");
        ResultTable table = table("TCN on " + (permuted() ? "permuted" : "sequential") + " MNIST", training,
                        "training loss (cross-entropy)", run)
                .header("test accuracy %", "Bai et al. 2018, table 1")
                .row("test_accuracy", 100 * confusion.accuracy(), paperAccuracy())
                .note("The paper trains on all 60,000 images for 20 epochs; this run used " + data.train().size()
                        + " images and " + training.history().size() + " epochs.")
                .fact("training_images", data.train().size()).fact("test_images", data.test().size());
        if (permuted()) {
            table.fact("permutation_seed", PERMUTATION_SEED);
        }
        return withModelFacts(table, trained);
    }

    /** The paper reports one run. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(1, "test_accuracy", paperAccuracy(), "Bai, Kolter, Koltun 2018, table 1"));
    }

    /** The shapes: batch 64, T = 784, 8 levels of 25, kernel 7 (random pixels: the data does not matter). */
    @Override
    public Optional<BenchSpec> bench(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, 1, SequentialMnist.LENGTH);
        INDArray y = Nd4j.createFromArray(java.util.stream.IntStream.range(0, BATCH).map(i -> i % 10).toArray())
                .castTo(DataType.FLOAT);
        return bench("seq-mnist", "sequential MNIST, batch 64, T=784, 8x25, kernel 7, float32",
                config().inputChannels(1).seed(seed).build(), new SequenceData(x, y).asBatch(), 550.1, 84.1);
    }
}
