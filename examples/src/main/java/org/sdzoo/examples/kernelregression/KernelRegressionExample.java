package org.sdzoo.examples.kernelregression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.examples.CsvData;
import org.sdzoo.examples.RunFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.Kernel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.metrics.Metrics;
import org.sdzoo.zoo.models.kernelregression.Estimator;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.plot.FitPlot;
import org.sdzoo.zoo.plot.HeatmapPlot;
import org.sdzoo.zoo.plot.LossCurvePlot;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.train.EpochRecord;
import org.sdzoo.zoo.train.HistoryCsv;
import org.sdzoo.zoo.train.LoggingListener;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.ProgressBarListener;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * d2l's Nadaraya–Watson experiment: 50 noisy training points of {@code 2 sin x + x^0.8}, the
 * average, the fixed Gaussian kernel and the learnable Gaussian kernel (trained with SGD, lr 0.5,
 * 5 epochs, on the leave-one-out batch), each scored by its test MSE against the true function.
 * With {@code data} set it runs on the user's CSV instead and scores the leave-one-out training MSE.
 *
 * <p>Writes {@code result.json}, {@code history.csv}, {@code model.sdz} (the trained parametric
 * model), {@code fit.png} (one input column only), {@code attention.png}, {@code loss.png} and
 * {@code checkpoints/}.
 */
public final class KernelRegressionExample {

    /** The example's name on the command line. */
    public static final String NAME = "kernel-regression";
    /** d2l's learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.5;
    /** d2l's epochs. */
    public static final int DEFAULT_EPOCHS = 5;
    /** The default seed of the data and the trainer. */
    public static final long DEFAULT_SEED = 42;
    /** d2l's loss: half the summed squared error. */
    public static final RegressionTask.Loss LOSS = RegressionTask.Loss.HALF_SUM_SQUARED;

    static final String RESULT_JSON = "result.json";
    static final String HISTORY_CSV = "history.csv";
    static final String MODEL_SDZ = "model.sdz";
    static final String FIT_PNG = "fit.png";
    static final String ATTENTION_PNG = "attention.png";
    static final String LOSS_PNG = "loss.png";
    static final String CHECKPOINTS = "checkpoints";

    private static final Logger LOG = LoggerFactory.getLogger(KernelRegressionExample.class);
    private static final int FIT_GRID = 100;

    private KernelRegressionExample() {
    }

    /**
     * The example's settings.
     *
     * @param out          the output directory, or {@code null} for {@code runs/kernel-regression-<time>}
     * @param seed         the seed of the synthetic data and the trainer
     * @param epochs       SGD epochs (one full-batch step each)
     * @param learningRate the SGD learning rate
     * @param maxSteps     stop after this many updates; 0 = no limit
     * @param configFile   JSON overrides of the model config, or {@code null}
     * @param data         a CSV file to train on instead of the synthetic data, or {@code null}
     * @param x            the input columns of {@code data}
     * @param y            the target column of {@code data}
     * @param quiet        no progress bar
     * @param resume       a checkpoint of an interrupted run of the same data and seed, or {@code null}
     */
    public record Options(Path out, long seed, int epochs, double learningRate, long maxSteps, Path configFile,
                          Path data, List<String> x, String y, boolean quiet, Path resume) {

        /** Copies the columns. */
        public Options {
            x = x == null ? List.of() : List.copyOf(x);
        }

        /** @return d2l's settings, writing to {@code out} */
        public static Options defaults(Path out) {
            return new Options(out, DEFAULT_SEED, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, 0, null, null, List.of(),
                    null, false, null);
        }

        public Options withOut(Path v) {
            return new Options(v, seed, epochs, learningRate, maxSteps, configFile, data, x, y, quiet, resume);
        }

        public Options withSeed(long v) {
            return new Options(out, v, epochs, learningRate, maxSteps, configFile, data, x, y, quiet, resume);
        }

        public Options withEpochs(int v) {
            return new Options(out, seed, v, learningRate, maxSteps, configFile, data, x, y, quiet, resume);
        }

        public Options withLearningRate(double v) {
            return new Options(out, seed, epochs, v, maxSteps, configFile, data, x, y, quiet, resume);
        }

        public Options withMaxSteps(long v) {
            return new Options(out, seed, epochs, learningRate, v, configFile, data, x, y, quiet, resume);
        }

        public Options withConfigFile(Path v) {
            return new Options(out, seed, epochs, learningRate, maxSteps, v, data, x, y, quiet, resume);
        }

        public Options withData(Path file, List<String> xColumns, String yColumn) {
            return new Options(out, seed, epochs, learningRate, maxSteps, configFile, file, xColumns, yColumn, quiet,
                    resume);
        }

        public Options withResume(Path v) {
            return new Options(out, seed, epochs, learningRate, maxSteps, configFile, data, x, y, quiet, v);
        }

        public Options withQuiet(boolean v) {
            return new Options(out, seed, epochs, learningRate, maxSteps, configFile, data, x, y, v, resume);
        }
    }

    /** The training points and, for the synthetic data, the test grid with the true function. */
    private record Data(INDArray x, INDArray y, INDArray testX, INDArray truth, String description) {
        boolean synthetic() {
            return truth != null;
        }

        int numFeatures() {
            return (int) x.size(1);
        }
    }

    /** Runs the experiment and writes its files. */
    public static KernelRegressionResult run(Options options) throws IOException {
        Data data = data(options);
        KernelRegressionConfig config = config(options.configFile(), data.numFeatures());
        TrainerConfig trainerConfig = trainerConfig(options.epochs(), options.learningRate(), options.seed(),
                options.maxSteps());
        Path out = RunFiles.outDir(options.out(), NAME);
        Files.createDirectories(out);
        LOG.info("Kernel regression on {} ({} points, {} feature{}), writing to {}", data.description(),
                data.x().size(0), data.numFeatures(), data.numFeatures() == 1 ? "" : "s", out);

        KernelRegressionConfig parametric = config.toBuilder().estimator(Estimator.PARAMETRIC).kernel(Kernel.GAUSSIAN)
                .build();
        ZooModel average = KernelRegression.create(config.toBuilder().estimator(Estimator.AVERAGE).build(),
                data.x(), data.y());
        ZooModel nonparametric = KernelRegression.create(config.toBuilder().estimator(Estimator.NONPARAMETRIC).build(),
                data.x(), data.y());
        Trained trained = train(KernelRegression.create(parametric, data.x(), data.y()), data.x(), data.y(),
                trainerConfig, out, options.quiet(), data.description(), options.resume());
        ZooModel model = trained.model();
        TrainingResult training = trained.result();
        double mseAverage = mse(average, data);
        double mseNonparametric = mse(nonparametric, data);
        double mseParametric = mse(model, data);

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mse_average", mseAverage);
        metrics.put("mse_nonparametric", mseNonparametric);
        metrics.put("mse_parametric", mseParametric);
        metrics.put("loss", training.last().loss());
        ModelArchive.save(out.resolve(MODEL_SDZ), model, ArchiveMetadata.of(data.description(), options.seed(), metrics,
                training.seconds()));

        List<Double> losses = training.history().stream().map(EpochRecord::loss).toList();
        double[] w = w(model);
        KernelRegressionResult result = new KernelRegressionResult(losses, w, mseAverage, mseNonparametric,
                mseParametric, data.synthetic() ? "test MSE vs the true function on 0, 0.1, ..., 4.9"
                        : "leave-one-out training MSE (each point predicted from the others)",
                options.seed(), training.history().size(), training.seconds(), out);
        writePlots(out, data, average, nonparametric, model);
        writeResultJson(out.resolve(RESULT_JSON), result);
        return result;
    }

    /** d2l's trainer settings: SGD, full batch. */
    static TrainerConfig trainerConfig(int epochs, double learningRate, long seed, long maxSteps) {
        return TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(learningRate).epochs(epochs).seed(seed)
                .maxSteps(maxSteps).build();
    }

    /**
     * A trained model and its run.
     *
     * @param model  the model trained (the checkpoint's when resuming)
     * @param result the whole run's history
     */
    record Trained(ZooModel model, TrainingResult result) {
    }

    /**
     * Trains {@code model} on the leave-one-out batch of its memory {@code (x, y)}, writing
     * {@code history.csv} and {@code checkpoints/} under {@code out}; with {@code resumeFrom}, the
     * checkpoint's model continues its run instead.
     */
    static Trained train(ZooModel model, INDArray x, INDArray y, TrainerConfig trainerConfig, Path out,
                         boolean quiet, String dataset, Path resumeFrom) throws IOException {
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(x, y, model.dataType());
        var iterator = new ArrayMultiDataSetIterator(batch.getFeatures(), batch.getLabels(), 0, false,
                trainerConfig.seed());
        Trainer.Builder trainer = Trainer.builder().config(trainerConfig).checkpointDir(out.resolve(CHECKPOINTS))
                .dataset(dataset).listener(new LoggingListener()).listener(new HistoryCsv(out.resolve(HISTORY_CSV)));
        if (!quiet) {
            trainer.listener(new ProgressBarListener());
        }
        Trainer built = trainer.build();
        if (resumeFrom == null) {
            return new Trained(model, built.fit(model, new RegressionTask(LOSS), iterator, null));
        }
        // Checked before resuming, so a mismatched run cannot overwrite the checkpoints.
        INDArray memory = ModelArchive.read(resumeFrom).model().sameDiff().getArrForVarName(KernelRegression.KEYS);
        if (!memory.castTo(DataType.DOUBLE).equalsWithEps(batch.getFeatures(0).castTo(DataType.DOUBLE), 1e-6)) {
            throw new IllegalArgumentException(resumeFrom + " was trained on other data: resume with the same --seed"
                    + " and --data as the interrupted run");
        }
        Trainer.Resumed resumed = built.resume(resumeFrom, new RegressionTask(LOSS), iterator, null);
        return new Trained(resumed.model(), resumed.result());
    }

    /**
     * The model config: d2l's defaults for {@code numFeatures} inputs, with the fields of
     * {@code configFile} on top. The example trains all three estimators, so the file's
     * {@code estimator} only matters for its validation; the parametric model always uses the
     * Gaussian kernel, the non-parametric one the file's {@code kernel} and {@code bandwidth}.
     */
    static KernelRegressionConfig config(Path configFile, int numFeatures) throws IOException {
        KernelRegressionConfig base = KernelRegressionConfig.builder().numFeatures(numFeatures).build();
        if (configFile == null) {
            return base;
        }
        KernelRegressionConfig config = ConfigJson.override(base, configFile);
        if (config.numFeatures() != numFeatures) {
            throw new IllegalArgumentException(configFile + " sets numFeatures " + config.numFeatures()
                    + " but the data has " + numFeatures + " input column" + (numFeatures == 1 ? "" : "s")
                    + ": remove numFeatures from the config or change --x");
        }
        return config;
    }

    private static Data data(Options options) throws IOException {
        if (options.data() == null) {
            if (!options.x().isEmpty() || options.y() != null) {
                throw new IllegalArgumentException("--x and --y name columns of --data, which is missing: give"
                        + " --data file.csv, or leave --x and --y out to use d2l's synthetic data");
            }
            NoisySine.Regression1D train = NoisySine.generate(NoisySine.D2L_TRAIN_SIZE, NoisySine.D2L_NOISE_STD,
                    options.seed());
            INDArray grid = NoisySine.testGrid();
            return new Data(train.x(), train.y(), grid.reshape(-1, 1), NoisySine.truth(grid),
                    "NoisySine(50, 0.5, seed " + options.seed() + ")");
        }
        CsvData csv = CsvData.read(options.data(), options.x(), options.y());
        if (csv.size() < 2) {
            throw new IllegalArgumentException(options.data() + " has " + csv.size() + " row: leave-one-out training"
                    + " needs at least 2");
        }
        INDArray x = csv.x();
        INDArray y = csv.y();
        if (csv.numFeatures() == 1) {
            int[] order = IntStream.range(0, csv.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> csv.x().getDouble(i, 0))).mapToInt(Integer::intValue)
                    .toArray();
            x = Nd4j.create(Arrays.stream(order).mapToDouble(i -> csv.x().getDouble(i, 0)).toArray(),
                    new long[] {order.length, 1}, DataType.DOUBLE);
            y = Nd4j.create(Arrays.stream(order).mapToDouble(i -> csv.y().getDouble(i)).toArray(),
                    new long[] {order.length}, DataType.DOUBLE);
        }
        return new Data(x, y, null, null, options.data().getFileName().toString());
    }

    /** Test MSE against the truth for the synthetic data, else the leave-one-out training MSE. */
    private static double mse(ZooModel model, Data data) {
        if (data.synthetic()) {
            return Metrics.mse(model.predict(data.testX()), data.truth());
        }
        return leaveOneOutMse(model, data.x(), data.y());
    }

    /** The MSE of predicting each memory point from all the others. */
    static double leaveOneOutMse(ZooModel model, INDArray x, INDArray y) {
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(x, y, model.dataType());
        INDArray predicted = model.predict(Map.of(KernelRegression.QUERIES, batch.getFeatures(0),
                KernelRegression.KEY_MASK, batch.getFeatures(1))).get(KernelRegression.PREDICTIONS);
        return Metrics.mse(predicted, y.reshape(y.length()));
    }

    /** @return the learned {@code w}, one per feature */
    static double[] w(ZooModel model) {
        return model.sameDiff().getArrForVarName(KernelRegression.W).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static void writePlots(Path out, Data data, ZooModel average, ZooModel nonparametric, ZooModel model)
            throws IOException {
        LossCurvePlot.fromHistoryCsv(out.resolve(HISTORY_CSV), out.resolve(LOSS_PNG), "parametric kernel regression");
        if (data.numFeatures() == 1) {
            INDArray grid = data.synthetic() ? data.testX() : grid(data.x());
            Map<String, double[]> lines = new LinkedHashMap<>();
            if (data.synthetic()) {
                lines.put("truth", data.truth().toDoubleVector());
            }
            lines.put("average", average.predict(grid).castTo(DataType.DOUBLE).toDoubleVector());
            lines.put("nonparametric", nonparametric.predict(grid).castTo(DataType.DOUBLE).toDoubleVector());
            lines.put("parametric", model.predict(grid).castTo(DataType.DOUBLE).toDoubleVector());
            FitPlot.write(out.resolve(FIT_PNG), "Nadaraya-Watson kernel regression", column(grid), lines,
                    column(data.x()), data.y().castTo(DataType.DOUBLE).toDoubleVector());
        } else {
            LOG.info("No fit.png: the data has {} input columns and the fit plot draws one", data.numFeatures());
        }
        INDArray queries = data.synthetic() ? data.testX() : data.x();
        INDArray attention = model.predict(Map.of(KernelRegression.QUERIES, queries)).get(KernelRegression.ATTENTION);
        boolean oneFeature = data.numFeatures() == 1;
        HeatmapPlot.write(out.resolve(ATTENTION_PNG), attention.castTo(DataType.DOUBLE).toDoubleMatrix(),
                "parametric attention weights", oneFeature ? "sorted training inputs" : "training points",
                oneFeature ? (data.synthetic() ? "sorted test inputs" : "sorted training inputs") : "queries",
                oneFeature ? column(data.x()) : null, oneFeature ? column(queries) : null);
    }

    private static INDArray grid(INDArray x) {
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        return Nd4j.linspace(min, max, FIT_GRID, DataType.DOUBLE).reshape(FIT_GRID, 1);
    }

    private static double[] column(INDArray x) {
        return x.castTo(DataType.DOUBLE).reshape(x.length()).toDoubleVector();
    }

    private static void writeResultJson(Path file, KernelRegressionResult r) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("losses", r.losses());
        double[] w = r.w();
        json.put("w", w.length == 1 ? (Object) w[0] : w);
        json.put("mse_average", r.mseAverage());
        json.put("mse_nonparametric", r.mseNonparametric());
        json.put("mse_parametric", r.mseParametric());
        json.put("seed", r.seed());
        json.put("epochs", r.epochs());
        json.put("train_seconds", r.trainSeconds());
        RunFiles.writeJson(file, json);
    }
}
