package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.sequence.PianoRolls;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plot.HeatmapPlot;
import org.sdzoo.zoo.task.MaskedBernoulliTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * JSB Chorales as locuslab's {@code music_test.py}: predict each step's 88 keys from the steps
 * before, one chorale per step (batch 1), a TCN of 4 levels of 150 with kernel 5, dropout 0.25 and a
 * per-step head of 88 sigmoid outputs, Adam 1e-3, 100 epochs; locuslab's {@code clip_grad_norm_}
 * runs before {@code backward()} and never acts, so there is no clipping. The loss is the frame-wise
 * negative log-likelihood summed over the keys, averaged over the real (unpadded) steps, which the
 * labels mask marks when batches hold chorales of different lengths. The test NLL is printed beside
 * the paper's 8.10; {@code piano-roll.png} and {@code piano-roll-truth.png} show one test chorale.
 */
public final class TcnJsbExample extends TcnExample<TcnJsbExample.Data> {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-jsb";
    /** The paper's test NLL on JSB Chorales (Bai et al. 2018, table 1). */
    static final double PAPER_NLL = 8.10;
    static final String DATASET = "JSB_Chorales";
    static final int BATCH = 1;
    static final int EVALUATION_BATCH = 16;
    /**
     * Batches are padded to a multiple of this many steps: chorales have many lengths, and a plan
     * is compiled per input shape, so unpadded batch-1 training planned almost every step.
     */
    static final int LENGTH_MULTIPLE = 32;

    /**
     * Piano rolls, next-step batches padded per batch (to a multiple of {@link #LENGTH_MULTIPLE}
     * steps), with a labels mask over the real steps.
     *
     * @param train the training chorales, each {@code [T_i, 88]}
     * @param valid the validation chorales
     * @param test  the test chorales
     */
    public record Data(PianoRolls train, PianoRolls valid, PianoRolls test, long seed, String description,
                       List<Path> files) implements TcnData {

        @Override
        public int inputChannels() {
            return PianoRolls.KEYS;
        }

        @Override
        public MultiDataSetIterator train(long seedValue) {
            return train.nextStepIterator(BATCH, true, seedValue, DataType.FLOAT, LENGTH_MULTIPLE);
        }

        @Override
        public MultiDataSetIterator validation() {
            return valid.nextStepIterator(EVALUATION_BATCH, false, 0, DataType.FLOAT, LENGTH_MULTIPLE);
        }

        @Override
        public MultiDataSetIterator evaluation() {
            return test.nextStepIterator(EVALUATION_BATCH, false, 0, DataType.FLOAT, LENGTH_MULTIPLE);
        }
    }

    @Override
    public About about() {
        return new About(NAME, "TCN on JSB Chorales piano rolls (needs --data-dir or " + DataDirectory.ENV_VAR
                + "), test NLL beside the paper's 8.10", TcnConfig.ARCHITECTURE,
                "no --data: poly-music/converted/JSB_Chorales.{train,valid,test}.txt in the data directory;"
                        + " --samples N chorales at most in each split");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("samples");
    }

    @Override
    public Task task() {
        return new MaskedBernoulliTask(PianoRolls.KEYS);
    }

    /**
     * locuslab's music_test.py: Adam 1e-3, 100 epochs, seed 1111, the learning rate divided by 10
     * after every epoch past the 10th whose validation NLL is worse than each of the 3 before it,
     * and the model of the best validation epoch is the one tested (music_test.py saves it; the TCN
     * overfits JSB after ~20 epochs: 25 epochs without the plateau rule gave validation NLL 8.415
     * at epoch 22, 8.525 at epoch 25).
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(1e-3).epochs(100).restoreBest(true).plateauFactor(0.1)
                .plateauWindow(3).plateauAfterEpoch(10).seed(1111).build();
    }

    @Override
    public Data data(DataSource source) throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException(NAME + " reads JSB Chorales from the data directory: drop --data and"
                    + " give --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = (source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null))
                .resolve("poly-music").resolve("converted");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("JSB Chorales is not in " + dir + ": put JSB_Chorales.train.txt, .valid.txt"
                    + " and .test.txt there or point --data-dir / " + DataDirectory.ENV_VAR + " at a directory with"
                    + " poly-music/converted");
        }
        int samples = source.positiveOption("samples", Integer.MAX_VALUE);
        PianoRolls train = first(PianoRolls.read(dir, DATASET, "train"), samples);
        List<Path> files = List.of("train", "valid", "test").stream().map(s -> dir.resolve(DATASET + "." + s + ".txt"))
                .toList();
        PianoRolls test = first(PianoRolls.read(dir, DATASET, "test"), samples);
        return new Data(train, first(PianoRolls.read(dir, DATASET, "valid"), samples), test, source.seed(),
                "JSB Chorales (" + train.sequences().size() + " training, " + test.sequences().size()
                        + " test chorales)", files);
    }

    /** @return the first {@code n} chorales of {@code rolls} ({@code --samples} limits every split) */
    private static PianoRolls first(PianoRolls rolls, int n) {
        return n >= rolls.sequences().size() ? rolls : new PianoRolls(rolls.name(), rolls.sequences().subList(0, n));
    }

    @Override
    protected TcnConfig.Builder locuslab(Data data) {
        return TcnConfig.builder().levels(4, 150).kernelSize(5).dropout(0.25).head(TcnHead.PER_STEP)
                .outputs(PianoRolls.KEYS);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, Data data, RunContext run)
            throws IOException {
        double nll = test(trained, data).get("loss");
        plots(run, trained, data.test().sequences().get(0));
        ResultTable table = table("TCN on JSB Chorales", training, "training loss (NLL per frame)", run)
                .header("test NLL", "Bai et al. 2018, table 1")
                .row("test_nll", nll, PAPER_NLL)
                .note("NLL per frame: -sum over the 88 keys of log p(key on/off), averaged over the test frames"
                        + " (locuslab's evaluate). Lower is better.")
                .fact("training_chorales", data.train().sequences().size())
                .fact("test_chorales", data.test().sequences().size()).fact("epochs", training.history().size());
        return withModelFacts(table, trained);
    }

    /** The predicted key probabilities of one chorale, and the keys that sound, as keys × time maps. */
    private static void plots(RunContext run, ZooModel model, INDArray chorale) throws IOException {
        long t = chorale.size(0) - 1;
        INDArray x = chorale.get(NDArrayIndex.interval(0, t), NDArrayIndex.all()).transpose()
                .reshape(1, PianoRolls.KEYS, t);                                                  // [1, 88, T]
        INDArray logits = model.predict(x).reshape(t, PianoRolls.KEYS);                          // [T, 88]
        INDArray probability = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(logits.castTo(DataType.DOUBLE), true);
        INDArray truth = chorale.get(NDArrayIndex.interval(1, t + 1), NDArrayIndex.all()).castTo(DataType.DOUBLE);
        HeatmapPlot.write(run.file("piano-roll.png"), probability.transpose().toDoubleMatrix(),
                "JSB test chorale 1: predicted key probabilities", "step", "key", null, null);
        HeatmapPlot.write(run.file("piano-roll-truth.png"), truth.transpose().toDoubleMatrix(),
                "JSB test chorale 1: keys that sound", "step", "key", null, null);
    }

    /** The paper reports one run. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(1, "test_nll", PAPER_NLL, "Bai, Kolter, Koltun 2018, table 1"));
    }
}
