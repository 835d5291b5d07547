package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.train.EpochRecord;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs any {@link Example}: training (fresh or resumed), fine-tuning, evaluation and the published
 * protocol. Every input is read and checked before the output directory is created, so a refused
 * run leaves nothing behind.
 */
public final class ExampleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleRunner.class);

    private ExampleRunner() {
    }

    /**
     * A finished run.
     *
     * @param table its numbers
     * @param dir   where it wrote its files
     * @param model the trained model
     */
    public record Outcome(ResultTable table, Path dir, ZooModel model) {
        /** @return the console table */
        public String text() {
            return table.table(dir);
        }
    }

    /** Trains {@code example} as {@code request} asks and writes its files. */
    public static <D extends ExampleData> Outcome train(Example<D> example, RunRequest request) throws IOException {
        long seed = request.seed() != null ? request.seed() : example.trainerDefaults().seed();
        TrainerConfig config = trainerConfig(example.trainerDefaults(), request, seed);
        Path dir = RunDirectory.resolve(request.out(), example.name());
        boolean resume = request.resume() != null;
        RunDirectory.check(dir, resume, request.overwrite());
        if (request.configFile() != null) {
            requireFile(request.configFile(), "--config", "a JSON object of model-config fields");
        }
        if (request.dataFile() != null) {
            requireFile(request.dataFile(), "--data", example.dataFormats());
        }
        D data = data(example, request.dataSource(seed));
        ModelConfig modelConfig = example.config(data, request.configFile());
        if (resume) {
            requireFile(request.resume(), "--resume", "the checkpoints/last.sdz of the interrupted run");
            ZooModel checkpoint = ModelArchive.load(request.resume());
            example.checkResume(checkpoint, data);
            modelConfig = checkpoint.config();
        }
        data = example.forConfig(data, modelConfig);
        RunDirectory.create(dir, resume, request.overwrite());
        RunContext run = new RunContext(dir, seed, request.quiet());
        LOG.info("{} on {}, writing to {}", example.name(), data.description(), dir);
        Trainer trainer = run.trainer(config, data.description());
        ZooModel model;
        TrainingResult training;
        if (resume) {
            Trainer.Resumed resumed = trainer.resume(request.resume(), example.task(), data.train(seed), data.validation());
            model = resumed.model();
            training = resumed.result();
        } else {
            model = example.model(modelConfig, data);
            training = trainer.fit(model, example.task(), data.train(seed), data.validation());
        }
        ResultTable table = example.results(model, training, data, run);
        return finish(run, table, model, training, config, data, example.name());
    }

    /**
     * Trains {@code loaded}, read from {@code modelFile}, further on the user's data with the example's trainer
     * settings; the table shows each training-data metric after fine-tuning beside its value before.
     */
    public static <D extends ExampleData> Outcome fineTune(Example<D> example, Path modelFile, ZooModel loaded,
                                                           RunRequest request) throws IOException {
        if (request.dataFile() == null) {
            throw new IllegalArgumentException("fine-tune needs the new data: give --data (" + example.dataFormats()
                    + ")");
        }
        if (request.configFile() != null) {
            throw new IllegalArgumentException("fine-tune keeps the saved model's config: leave out --config");
        }
        long seed = request.seed() != null ? request.seed() : example.trainerDefaults().seed();
        TrainerConfig config = trainerConfig(example.trainerDefaults(), request, seed);
        Path dir = RunDirectory.resolve(request.out(), "fine-tune");
        RunDirectory.check(dir, false, request.overwrite());
        requireFile(request.dataFile(), "--data", example.dataFormats());
        D data = data(example, request.dataSource(seed));
        ZooModel model = example.forFineTune(loaded, data);
        data = example.forConfig(data, model.config());
        // scored before anything is written: labels the model cannot take are refused here
        Map<String, Double> before = Evaluator.evaluate(model, example.task(), data.train(seed));
        RunDirectory.create(dir, false, request.overwrite());
        RunContext run = new RunContext(dir, seed, request.quiet());
        LOG.info("Fine-tuning {} on {}, writing to {}", modelFile, data.description(), dir);
        TrainingResult training = run.trainer(config, data.description()).fit(model, example.task(),
                data.train(seed), null);
        Map<String, Double> after = Evaluator.evaluate(model, example.task(), data.train(seed));
        ResultTable table = new ResultTable("Fine-tuned " + modelFile + " on " + data.description())
                .perEpoch("losses", "loss", losses(training))
                .header("on its data", "before fine-tuning");
        after.forEach((k, v) -> table.row(k, v, before.get(k)));
        return finish(run, table, model, training, config, data, "fine-tuned " + example.name());
    }

    /**
     * The example's data, after refusing data options it does not read.
     *
     * @throws IllegalArgumentException naming the option and the ones the example takes
     */
    static <D extends ExampleData> D data(Example<D> example, DataSource source) throws IOException {
        for (String option : source.options().keySet()) {
            if (!example.dataOptions().contains(option)) {
                throw new IllegalArgumentException(example.name() + " does not take --" + option + ": "
                        + (example.dataOptions().isEmpty() ? "it takes no data options"
                        : "its data options are " + example.dataOptions().stream().map(o -> "--" + o).toList()));
            }
        }
        return example.data(source);
    }

    /**
     * Scores {@code model} on the user's data ({@code request.dataFile()}), or on the data it
     * carries when there is none.
     */
    public static <D extends ExampleData> Map<String, Double> evaluate(Example<D> example, ZooModel model,
                                                                       RunRequest request) throws IOException {
        if (request.dataFile() == null) {
            request.dataSource(0);    // refuses --x or --y without --data
            return example.evaluateWithoutData(model);
        }
        requireFile(request.dataFile(), "--data", example.dataFormats());
        D data = example.forConfig(data(example, request.dataSource(example.trainerDefaults().seed())), model.config());
        return Evaluator.evaluate(model, example.task(), data.evaluation());
    }

    /**
     * Runs the example's published protocol: one training per seed ({@code seed}, {@code seed + 1},
     * ...) in {@code <out>/seed-<s>}, then the mean ± standard deviation of the protocol's metric
     * beside the published figure.
     *
     * @param runs how many runs, or {@code null} for the protocol's
     */
    public static Outcome reproduce(Example<?> example, RunRequest request, Integer runs) throws IOException {
        Path dir = RunDirectory.resolve(request.out(), example.name() + "-reproduce");
        Reproduction r = repeat(example, request, runs, dir);
        Protocol protocol = r.protocol();
        ResultTable table = new ResultTable(example.name() + ": " + protocol.metric() + " over " + r.values().size()
                + " seed" + (r.values().size() == 1 ? "" : "s") + " from " + r.seeds().get(0)).header("run", "");
        for (int i = 0; i < r.seeds().size(); i++) {
            table.row("seed-" + r.seeds().get(i), r.values().get(i), null);
        }
        table.header("summary", "published").row("mean", r.mean(), protocol.published()).row("std", r.std(), null)
                .note(String.format("%s = %.6f ± %.6f (mean ± sample std over %d runs); published %.6f: %s",
                        protocol.metric(), r.mean(), r.std(), r.values().size(), protocol.published(), protocol.source()))
                .fact("metric", protocol.metric()).fact("runs", r.values().size()).fact("source", protocol.source());
        r.bestEpochOfMeanCurve().ifPresent(best -> table.header("best epoch", "published")
                .row("best_epoch_mean", best.mean(), protocol.published()).row("best_epoch_std", best.std(), null)
                .fact("best_epoch", best.epoch())
                .note(String.format("%s at epoch %d, the epoch whose mean over the runs is best: %.6f ± %.6f (the"
                        + " publication's protocol; it selects the epoch on the test folds, so it is optimistic beside"
                        + " the final-epoch figure above)", protocol.curve(), best.epoch(), best.mean(), best.std())));
        table.write(dir.resolve(RunDirectory.RESULT_JSON));
        return new Outcome(table, dir, null);
    }

    /**
     * The measured values of a protocol's runs.
     *
     * @param protocol the protocol that was run
     * @param seeds    the seed of each run
     * @param values   the protocol's metric of each run, in seed order
     */
    public record Reproduction(Protocol protocol, List<Long> seeds, List<Double> values, List<List<Double>> curves) {

        /** Copies the lists. */
        public Reproduction {
            seeds = List.copyOf(seeds);
            values = List.copyOf(values);
            curves = curves.stream().map(List::copyOf).toList();
        }

        /**
         * The protocol's curve summarised at the epoch whose mean over the runs is best (highest;
         * the earliest on a tie), over the epochs every run reached.
         *
         * @return empty when the protocol has no curve
         */
        public Optional<BestEpoch> bestEpochOfMeanCurve() {
            if (protocol.curve().isEmpty() || curves.isEmpty()) {
                return Optional.empty();
            }
            int epochs = curves.stream().mapToInt(List::size).min().orElse(0);
            BestEpoch best = null;
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                BestEpoch at = BestEpoch.of(e + 1, curves.stream().map(c -> c.get(epoch)).toList());
                if (best == null || at.mean() > best.mean()) {
                    best = at;
                }
            }
            return Optional.ofNullable(best);
        }

        /** @return the mean of the values */
        public double mean() {
            return mean(values);
        }

        /** @return the sample standard deviation of the values (0 for one run) */
        public double std() {
            return std(values);
        }

        static double mean(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        static double std(List<Double> values) {
            double m = mean(values);
            int n = values.size();
            return n < 2 ? 0 : Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / (n - 1));
        }
    }

    /**
     * One epoch of a protocol's curve over the runs.
     *
     * @param epoch 1-based
     * @param mean  the runs' mean at that epoch
     * @param std   their sample standard deviation
     */
    public record BestEpoch(int epoch, double mean, double std) {

        static BestEpoch of(int epoch, List<Double> values) {
            return new BestEpoch(epoch, Reproduction.mean(values), Reproduction.std(values));
        }
    }

    /**
     * Trains {@code example} once per seed ({@code seed}, {@code seed + 1}, ...) in {@code <dir>/seed-<s>} and
     * collects its protocol's metric; writes nothing else.
     *
     * @param runs how many runs, or {@code null} for the protocol's
     */
    public static Reproduction repeat(Example<?> example, RunRequest request, Integer runs, Path dir)
            throws IOException {
        Protocol protocol = example.protocol().orElseThrow(() -> new IllegalArgumentException(example.name()
                + " has no published protocol to reproduce: the examples with one are " + Examples.all().stream()
                .filter(e -> e.protocol().isPresent()).map(Example::name).toList()));
        int n = runs != null ? runs : protocol.runs();
        if (n < 1) {
            throw new IllegalArgumentException("--runs must be at least 1 (got " + n + ")");
        }
        long first = request.seed() != null ? request.seed() : example.trainerDefaults().seed();
        RunDirectory.check(dir, false, request.overwrite());
        List<Long> seeds = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<List<Double>> curves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seed = first + i;
            Outcome o = train(example, request.forRun(dir.resolve("seed-" + seed), seed));
            double v = o.table().measured(protocol.metric()).orElseThrow(() -> new IllegalStateException(
                    example.name() + "'s result table has no row '" + protocol.metric() + "', its protocol's metric"));
            LOG.info("seed {}: {} = {}", seed, protocol.metric(), v);
            seeds.add(seed);
            values.add(v);
            if (!protocol.curve().isEmpty()) {
                curves.add(o.table().series(protocol.curve()).orElseThrow(() -> new IllegalStateException(
                        example.name() + "'s result table has no series '" + protocol.curve() + "', its protocol's curve")));
            }
        }
        return new Reproduction(protocol, seeds, values, curves);
    }

    private static Outcome finish(RunContext run, ResultTable table, ZooModel model, TrainingResult training,
                                  TrainerConfig config, ExampleData data, String title) throws IOException {
        table.fact("seed", run.seed()).fact("epochs", training.history().size())
                .fact("train_seconds", training.seconds());
        Map<String, Double> metrics = new LinkedHashMap<>(training.finalMetrics());
        metrics.putAll(table.measured());
        run.saveModel(model, metrics, training, config, data);
        run.lossPlot(title);
        run.writeResult(table);
        return new Outcome(table, run.dir(), model);
    }

    /** The example's trainer settings with the user's overrides, each checked under its flag's name. */
    static TrainerConfig trainerConfig(TrainerConfig defaults, RunRequest r, long seed) {
        TrainerConfig.Builder b = defaults.toBuilder().seed(seed);
        if (r.epochs() != null) {
            if (r.epochs() < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1 (got " + r.epochs() + ")");
            }
            b.epochs(r.epochs());
        }
        if (r.learningRate() != null) {
            if (!(r.learningRate() > 0) || Double.isInfinite(r.learningRate())) {
                throw new IllegalArgumentException("--lr must be a positive number (got " + r.learningRate() + ")");
            }
            b.learningRate(r.learningRate());
        }
        if (r.maxSteps() != null) {
            if (r.maxSteps() < 0) {
                throw new IllegalArgumentException("--max-steps must be 0 (no limit) or more (got " + r.maxSteps()
                        + ")");
            }
            b.maxSteps(r.maxSteps());
        }
        return b.build();
    }

    /** @throws IllegalArgumentException naming the flag when {@code file} is missing or a directory */
    public static void requireFile(Path file, String flag, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(flag + " " + file + (Files.isDirectory(file) ? " is a directory"
                    : " does not exist") + ": give " + what);
        }
    }

    /** @return the loss of each epoch */
    public static List<Double> losses(TrainingResult training) {
        return training.history().stream().map(EpochRecord::loss).toList();
    }
}
