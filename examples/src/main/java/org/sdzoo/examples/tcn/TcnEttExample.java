package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.CsvTable;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.sequence.ForecastSplit;
import org.sdzoo.datasets.sequence.ForecastWindows;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Metrics;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plot.FitPlot;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Multi-step forecasting with a TCN: ETTh1's oil temperature (OT, univariate) from the data
 * directory with the usual 12/4/4-month split, or the user's CSV time series
 * ({@code --data FILE --time COL --y TARGET[,TARGET...] [--x COVARIATE,...]}, split 70/10/20 in
 * time order). Each example is a window of L steps (96) of the inputs, {@code [C_in, L]}, and the
 * next H steps (24) of the targets; all columns are standardised with the training rows' mean and
 * standard deviation. A TCN of 5 levels of 32 with kernel 3 (receptive field 125 ≥ L) and a
 * forecast head on its last step, MSE, Adam 1e-3, batch 32, 10 epochs, validated each epoch.
 * The test MSE and MAE (standardised units, as the ETT papers report) are printed beside the
 * persistence forecast (every future step equals the last observed value) of the same windows;
 * {@code forecast.png} shows one test window's forecast against the truth.
 */
public final class TcnEttExample extends TcnExample<ForecastData> {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-ett";
    static final String ETT_FILE = "ETTh1.csv";
    static final String ETT_TIME = "date";
    static final String ETT_TARGET = "OT";
    static final int DEFAULT_WINDOW = 96;
    static final int DEFAULT_HORIZON = 24;
    static final int BATCH = 32;
    /** A user's series is split in time order: 70% train, 10% validation, the rest test. */
    static final double TRAIN_FRACTION = 0.7;
    static final double VALIDATION_FRACTION = 0.1;

    @Override
    public About about() {
        return new About(NAME, "TCN forecaster: ETTh1 oil temperature 24 steps ahead (needs --data-dir or "
                + DataDirectory.ENV_VAR + "), or your CSV time series; test MSE/MAE beside persistence",
                TcnConfig.ARCHITECTURE, "a CSV time series with a header row, one row per step in time order:"
                + " its time column named with --time, the columns to forecast with --y (comma-separated), optional"
                + " input columns with --x; --window L and --horizon H");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("window", "horizon", "time", "samples");     // --samples N: at most N windows in each split
    }

    @Override
    public boolean takesUserData() {
        return true;
    }

    @Override
    public Task task() {
        return new RegressionTask(RegressionTask.Loss.MSE);
    }

    /** Adam 1e-3, 10 epochs, seed 1111, validation loss recorded every epoch. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(1e-3).epochs(10).seed(1111).build();
    }

    /**
     * ETTh1 (OT → OT) without {@code --data}; else the user's CSV.
     *
     * @throws IllegalArgumentException for a missing time or target column, a time column among the
     *                                  targets, a horizon the series is too short for, and (from the
     *                                  reader) missing values, non-numeric cells and NaN
     */
    @Override
    public ForecastData data(DataSource source) throws IOException {
        int window = source.positiveOption("window", DEFAULT_WINDOW);
        int horizon = source.positiveOption("horizon", DEFAULT_HORIZON);
        Path csv;
        String time;
        List<String> targets;
        List<String> covariates;
        if (source.isUserData()) {
            csv = source.file();
            time = source.option("time").orElseThrow(() -> new IllegalArgumentException("name the time column of "
                    + csv.getFileName() + " with --time, e.g. --time date"));
            if (source.y() == null || source.y().isBlank()) {
                throw new IllegalArgumentException("name the column(s) to forecast with --y, e.g. --y OT or --y a,b");
            }
            targets = Arrays.stream(source.y().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            covariates = source.x();
        } else {
            Path dir = source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null);
            csv = dir.resolve("ett").resolve(ETT_FILE);
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("ETTh1 is not at " + csv + ": put ETTh1.csv there, point --data-dir"
                        + " / " + DataDirectory.ENV_VAR + " at a directory with ett/ETTh1.csv, or give your own --data");
            }
            time = source.option("time").orElse(ETT_TIME);
            targets = List.of(ETT_TARGET);
            covariates = source.x();
        }
        CsvTable table = CsvTable.read(csv);
        if (!table.header().contains(time)) {
            throw new IllegalArgumentException(csv.getFileName() + " has no time column '" + time + "'; its columns are "
                    + table.header() + ": name the time column with --time");
        }
        if (targets.contains(time) || covariates.contains(time)) {
            throw new IllegalArgumentException("'" + time + "' is the time column (--time) and cannot also be forecast"
                    + " (--y) or an input (--x): name other columns");
        }
        int rows = table.rows();
        if (window + horizon > rows) {
            throw new IllegalArgumentException("--horizon " + horizon + " after a window of " + window + " steps needs "
                    + (window + horizon) + " rows but " + csv.getFileName() + " has " + rows + ": shorten --horizon or"
                    + " --window");
        }
        List<String> inputs = new ArrayList<>(covariates);
        targets.stream().filter(t -> !inputs.contains(t)).forEach(inputs::add);        // persistence needs them
        ForecastSplit split = source.isUserData() ? ForecastSplit.fractions(rows, TRAIN_FRACTION, VALIDATION_FRACTION)
                : ForecastSplit.ettHourly();
        ForecastWindows windows = ForecastWindows.fromCsv(csv, inputs, targets, split, window, horizon, DataType.FLOAT);
        int samples = source.positiveOption("samples", Integer.MAX_VALUE);
        windows = new ForecastWindows(first(windows.train(), samples), first(windows.validation(), samples),
                first(windows.test(), samples), windows.inputs(), windows.targets(), windows.mean(), windows.std(),
                windows.targetMean(), windows.targetStd());
        return new ForecastData(windows, window, horizon, BATCH, source.seed(), csv.getFileName() + " " + targets
                + " from " + inputs + ", window " + window + ", horizon " + horizon, List.of(csv));
    }

    /** @return the first {@code n} windows of {@code data} ({@code --samples} limits every split) */
    private static SequenceData first(SequenceData data, int n) {
        return n >= data.size() ? data : new SequenceData(data.features().get(NDArrayIndex.interval(0, n)),
                data.labels().get(NDArrayIndex.interval(0, n)));
    }

    @Override
    protected TcnConfig.Builder locuslab(ForecastData data) {
        return TcnConfig.builder().levels(5, 32).kernelSize(3).dropout(0.1).head(TcnHead.FORECAST)
                .outputs(data.windows().targets().size()).horizon(data.horizon());
    }

    @Override
    protected void checkConfig(TcnConfig config, ForecastData data) {
        checkFits(config, data, "the config");
    }

    /** A forecaster trained on one CSV continues on another with the same columns, window and horizon. */
    @Override
    public ZooModel forFineTune(ZooModel loaded, ForecastData data) {
        checkFits((TcnConfig) loaded.config(), data, "--model");
        return loaded;
    }

    private static void checkFits(TcnConfig config, ForecastData data, String what) {
        if (config.head() != TcnHead.FORECAST) {
            throw new IllegalArgumentException(what + " has a " + config.head().jsonName() + " head, not a forecast"
                    + " head: " + NAME + " trains forecasters");
        }
        if (config.inputChannels() != data.inputChannels() || config.outputs() != data.windows().targets().size()) {
            throw new IllegalArgumentException(what + " takes " + config.inputChannels() + " input column(s) and"
                    + " forecasts " + config.outputs() + " but the data gives " + data.inputChannels() + " input(s) "
                    + data.windows().inputs() + " and " + data.windows().targets().size() + " target(s): repeat the"
                    + " --x and --y of its training");
        }
        if (config.horizon() != data.horizon()) {
            throw new IllegalArgumentException(what + " forecasts " + config.horizon() + " steps but --horizon is "
                    + data.horizon() + ": give --horizon " + config.horizon());
        }
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, ForecastData data, RunContext run)
            throws IOException {
        Map<String, Double> test = test(trained, data);
        ForecastWindows w = data.windows();
        INDArray persistence = w.persistence(w.test());
        INDArray labels = w.test().labels().castTo(DataType.DOUBLE);
        double persistenceMse = Metrics.mse(persistence.castTo(DataType.DOUBLE), labels);
        double persistenceMae = Metrics.mae(persistence.castTo(DataType.DOUBLE), labels);
        plot(run, trained, data);
        ResultTable table = table("TCN forecaster on " + data.description(), training,
                        "training loss (MSE, standardised)", run)
                .header("test (standardised)", "persistence, same windows")
                .row("test_mse", test.get("mse"), persistenceMse)
                .row("test_mae", test.get("mae"), persistenceMae)
                .note("Errors are in units of each target's training standard deviation, over " + w.test().size()
                        + " test windows. Persistence repeats the last observed value for all " + data.horizon()
                        + " steps.")
                .fact("window", data.window()).fact("horizon", data.horizon()).fact("inputs", w.inputs())
                .fact("targets", w.targets()).fact("test_windows", w.test().size());
        return withModelFacts(table, trained);
    }

    /** One test window: the last observed steps, the truth, the forecast and persistence, in the data's units. */
    private static void plot(RunContext run, ZooModel model, ForecastData data) throws IOException {
        ForecastWindows w = data.windows();
        long i = w.test().size() / 2;
        INDArray x = w.test().features().get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all());
        int c = w.inputs().indexOf(w.targets().get(0));
        double mean = w.targetMean()[0];
        double std = w.targetStd()[0];
        int l = data.window();
        int h = data.horizon();
        double[] history = x.get(NDArrayIndex.point(0), NDArrayIndex.point(c), NDArrayIndex.all())
                .castTo(DataType.DOUBLE).mul(w.std()[c]).add(w.mean()[c]).toDoubleVector();
        double[] truth = column(w.test().labels().get(NDArrayIndex.point(i)), mean, std);
        double[] forecast = column(model.predict(x).get(NDArrayIndex.point(0)), mean, std);
        double[] persistence = column(w.persistence(new SequenceData(x, w.test().labels()
                .get(NDArrayIndex.interval(i, i + 1)))).get(NDArrayIndex.point(0)), mean, std);
        double[] observed = new double[l + h];
        double[] truthLine = new double[l + h];
        double[] forecastLine = new double[l + h];
        double[] persistenceLine = new double[l + h];
        Arrays.fill(observed, Double.NaN);
        Arrays.fill(truthLine, Double.NaN);
        Arrays.fill(forecastLine, Double.NaN);
        Arrays.fill(persistenceLine, Double.NaN);
        System.arraycopy(history, 0, observed, 0, l);
        System.arraycopy(truth, 0, truthLine, l, h);
        System.arraycopy(forecast, 0, forecastLine, l, h);
        System.arraycopy(persistence, 0, persistenceLine, l, h);
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("observed", observed);
        lines.put("truth", truthLine);
        lines.put("TCN forecast", forecastLine);
        lines.put("persistence", persistenceLine);
        FitPlot.write(run.file("forecast.png"), w.targets().get(0) + ": test window " + (i + 1) + " of "
                        + w.test().size() + ", " + h + " steps ahead",
                new FitPlot.Axes("steps from the forecast origin (0: last observed)", w.targets().get(0)),
                IntStream.range(-l + 1, h + 1).asDoubleStream().toArray(), lines, null, null);
    }

    /** @return the first target's column of {@code [H, C_target]}, in the data's units */
    private static double[] column(INDArray steps, double mean, double std) {
        return steps.get(NDArrayIndex.all(), NDArrayIndex.point(0)).castTo(DataType.DOUBLE).mul(std).add(mean)
                .toDoubleVector();
    }
}
