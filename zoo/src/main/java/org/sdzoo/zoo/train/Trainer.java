package org.sdzoo.zoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.EpochAware;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.CheckpointState;
import org.sdzoo.zoo.io.LoadedArchive;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trainer of every model: an epoch loop over {@link TrainingSession#step}, with
 * validation, {@link EarlyStopping}, a {@link Checkpointer} and listeners. It runs its own loop
 * over {@code SameDiff.calculateGradientsAndOutputs} rather than {@code SameDiff.fit}, because
 * M2.1's fit reports a loss of 0 to listeners, has no gradient clipping or per-parameter weight
 * decay, and cannot continue training a graph loaded from a file. Updates follow PyTorch's
 * optimisers.
 *
 * <p>Determinism: ND4J's generator is re-seeded with {@code (seed, step)} before every step and
 * an {@link EpochAware} iterator is told the epoch, so a resumed run repeats an uninterrupted one.
 */
public final class Trainer {

    /** File name of the checkpoint written after every epoch. */
    public static final String LAST_CHECKPOINT = "last.sdz";
    /** File name of the checkpoint of the best monitored epoch. */
    public static final String BEST_CHECKPOINT = "best.sdz";
    /** How often a run without a terminal logs a progress line within an epoch. */
    public static final double PROGRESS_LINE_SECONDS = 60;

    /** File name of the history {@link Builder#standardListeners} writes. */
    public static final String HISTORY_CSV = "history.csv";

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainerConfig config;
    private final Path checkpointDir;
    private final String datasetName;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.config = b.config;
        this.checkpointDir = b.checkpointDir;
        this.datasetName = b.datasetName;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder; without {@link Builder#config} it trains with {@link TrainerConfig}'s defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the trainer config */
    public TrainerConfig config() {
        return config;
    }

    /**
     * A session to train {@code model} on {@code task} one batch at a time with this trainer's
     * config (attaches the task's loss and makes a fresh optimiser). With a COSINE schedule set
     * {@code maxSteps}, the length it decays over.
     */
    public TrainingSession session(ZooModel model, Task task) {
        return new TrainingSession(model, task, config, new ParameterUpdater(config), 0, plannedSteps(-1));
    }

    /**
     * Trains {@code model} in place from its current parameters.
     *
     * @param train      training batches; features in the model's input order, labels in the task's
     * @param validation evaluated after every epoch (and every {@code validateEverySteps}), or {@code null}
     */
    public TrainingResult fit(ZooModel model, Task task, MultiDataSetIterator train, MultiDataSetIterator validation) {
        TrainerState fresh = new TrainerState(0, 0, Double.NaN, 0, 0, 0, List.of(), config);
        return run(model, task, train, validation, fresh, new ParameterUpdater(config));
    }

    /**
     * Continues the run a checkpoint ({@link #LAST_CHECKPOINT}) was written by, with this trainer's
     * config (raise {@code epochs} to train longer). With the same config, data and seed the result
     * equals that of the uninterrupted run.
     *
     * @return the loaded model, trained further, and the whole run's result
     */
    public Resumed resume(Path checkpoint, Task task, MultiDataSetIterator train, MultiDataSetIterator validation)
            throws IOException {
        LoadedArchive archive = ModelArchive.read(checkpoint);
        CheckpointState cp = archive.checkpoint().orElseThrow(() -> new IllegalArgumentException(checkpoint
                + " holds a model but no trainer state, so it cannot be resumed: use fine-tune to train it further"));
        TrainerState state = ConfigJson.read(cp.trainerStateJson(), TrainerState.class);
        ParameterUpdater updater = new ParameterUpdater(config);
        updater.restore(cp.updaterState());
        LOG.info("Resuming from {} after epoch {} (step {})", checkpoint, state.epochsDone(), state.step());
        TrainingResult result = run(archive.model(), task, train, validation, state, updater);
        return new Resumed(archive.model(), result);
    }

    /**
     * A resumed model and the result of its whole run.
     *
     * @param model  the model loaded from the checkpoint and trained further
     * @param result the history of the whole run, before and after the interruption
     */
    public record Resumed(ZooModel model, TrainingResult result) {
    }

    private TrainingResult run(ZooModel model, Task task, MultiDataSetIterator train, MultiDataSetIterator validation,
                               TrainerState start, ParameterUpdater updater) {
        long totalSteps = plannedSteps(stepsPerEpoch(train));
        TrainingSession session = new TrainingSession(model, task, config, updater, start.step(), totalSteps);
        String monitor = monitorName(task, validation != null);
        EarlyStopping stopping = new EarlyStopping(monitorMode(task, monitor), config.patience(), config.stopRule(),
                start.bestValue(), start.bestEpoch(), start.badEpochs(),
                start.history().stream().map(r -> r.value(monitor)).toList());
        Checkpointer checkpointer = new Checkpointer(checkpointDir, datasetName, config.seed());
        List<EpochRecord> history = new ArrayList<>(start.history());
        long startNanos = System.nanoTime();
        listeners.forEach(l -> l.onTrainStart(start.epochsDone() + 1, config.epochs(), totalSteps, start.step()));

        boolean stop = false;
        Map<String, INDArray> bestParameters = null;
        for (int epoch = start.epochsDone(); epoch < config.epochs() && !budgetSpent(session) && !stop; epoch++) {
            applyPlateauRule(session, monitorMode(task, monitor), history, monitor);
            double trainLoss = trainEpoch(session, task, train, validation, epoch);
            Map<String, Double> metrics = validation == null ? Map.of() : validate(model, task, validation);
            double seconds = start.seconds() + (System.nanoTime() - startNanos) / 1e9;
            EpochRecord record = new EpochRecord(epoch + 1, session.stepsDone(), trainLoss, session.learningRate(),
                    seconds, metrics);
            history.add(record);
            boolean improved = stopping.record(epoch + 1, record.value(monitor));
            if (improved && config.restoreBest()) {
                bestParameters = snapshot(model);
            }
            stop = stopping.shouldStop();
            checkpointer.write(model, new TrainerState(epoch + 1, session.stepsDone(), stopping.best(),
                    stopping.bestEpoch(), stopping.badEpochs(), seconds, history, config), updater, improved, record);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(record, List.copyOf(history));
            }
            if (stop) {
                LOG.info("Early stop after epoch {}: {} (best {} at epoch {})", epoch + 1, stopping.reason(monitor),
                        stopping.best(), stopping.bestEpoch());
            }
        }
        if (config.restoreBest()) {
            restoreBest(model, bestParameters, stopping.bestEpoch(), history.size(), monitor, stopping.best());
        }
        double seconds = start.seconds() + (System.nanoTime() - startNanos) / 1e9;
        TrainingResult result = new TrainingResult(history, monitor, stopping.best(), stopping.bestEpoch(), stop,
                session.stepsDone(), seconds);
        listeners.forEach(l -> l.onTrainEnd(result));
        return result;
    }

    /** Sets the session's learning-rate factor from the monitored history, logging a new reduction. */
    private void applyPlateauRule(TrainingSession session, MonitorMode mode, List<EpochRecord> history,
                                  String monitor) {
        List<Double> values = history.stream().map(r -> r.value(monitor)).toList();
        int reductions = PlateauDecay.reductions(config, mode, values);
        if (reductions > 0 && reductions > PlateauDecay.reductions(config, mode, values.subList(0, values.size() - 1))) {
            LOG.info("{} {} after epoch {} is worse than each of the {} epochs before it: learning rate x {} (now x {})",
                    monitor, values.get(values.size() - 1), values.size(), config.plateauWindow(),
                    config.plateauFactor(), String.format("%.3g", PlateauDecay.scale(config, mode, values)));
        }
        session.learningRateScale(PlateauDecay.scale(config, mode, values));
    }

    private static Map<String, INDArray> snapshot(ZooModel model) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            copy.put(name, model.sameDiff().getArrForVarName(name).dup());
        }
        return copy;
    }

    /**
     * Puts back the best epoch's parameters: from this run's snapshot, or, when the best epoch
     * came before a resume, from {@value #BEST_CHECKPOINT} in the checkpoint directory.
     */
    private void restoreBest(ZooModel model, Map<String, INDArray> best, int bestEpoch, int lastEpoch, String monitor,
                             double bestValue) {
        if (bestEpoch <= 0 || bestEpoch == lastEpoch) {
            return;
        }
        if (best != null) {
            for (Map.Entry<String, INDArray> e : best.entrySet()) {
                model.sameDiff().getArrForVarName(e.getKey()).assign(e.getValue());
            }
        } else {
            Path file = checkpointDir == null ? null : checkpointDir.resolve(BEST_CHECKPOINT);
            if (file == null || !Files.isRegularFile(file)) {
                LOG.warn("restoreBest: the best epoch ({}) came before this resumed run and no {} is in the checkpoint"
                        + " directory, so the last epoch's parameters stay", bestEpoch, BEST_CHECKPOINT);
                return;
            }
            try {
                model.copyParametersFrom(ModelArchive.read(file).model().sameDiff(), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the best checkpoint " + file + " to restore it: "
                        + e.getMessage(), e);
            }
        }
        LOG.info("Restored the parameters of epoch {} (best {} {}), not the last epoch's ({})", bestEpoch, monitor,
                bestValue, lastEpoch);
    }

    /**
     * One pass over {@code train}, validating every {@code validateEverySteps} within it.
     *
     * @return the epoch's training loss: each batch's loss weighted by what it averages over
     */
    private double trainEpoch(TrainingSession session, Task task, MultiDataSetIterator train,
                              MultiDataSetIterator validation, int epoch) {
        if (train instanceof EpochAware aware) {
            aware.setEpoch(epoch);
        }
        session.epoch(epoch);
        train.reset();
        double weightedSum = 0;
        double weight = 0;
        long batches = 0;
        while (train.hasNext() && !budgetSpent(session)) {
            MultiDataSet batch = train.next();
            double loss = session.step(batch);
            double w = task.weight(batch);
            if (w > 0) {
                weightedSum += loss * w;
                weight += w;
            }
            batches++;
            for (TrainingListener l : listeners) {
                l.onStep(epoch + 1, session.stepsDone(), loss, session.learningRate());
            }
            if (validation != null && config.validateEverySteps() > 0
                    && session.stepsDone() % config.validateEverySteps() == 0 && train.hasNext()) {
                Map<String, Double> metrics = validate(session.model(), task, validation);
                listeners.forEach(l -> l.onValidation(epoch + 1, session.stepsDone(), metrics));
            }
        }
        if (batches == 0) {
            throw new IllegalArgumentException("the training data produced no batch in epoch " + (epoch + 1)
                    + ": check that the iterator is not empty and supports reset()");
        }
        return weight == 0 ? Double.NaN : weightedSum / weight;
    }

    private static Map<String, Double> validate(ZooModel model, Task task, MultiDataSetIterator validation) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Evaluator.evaluate(model, task, validation).forEach((k, v) -> metrics.put("val_" + k, v));
        return metrics;
    }

    private String monitorName(Task task, boolean hasValidation) {
        if (!config.monitor().isEmpty()) {
            return config.monitor();
        }
        return hasValidation ? "val_" + task.defaultMonitor() : Task.LOSS;
    }

    /** The configured mode, else the one the task's metric declares. */
    private MonitorMode monitorMode(Task task, String monitor) {
        if (config.monitorMode() != null) {
            return config.monitorMode();
        }
        return task.higherIsBetter(monitor).map(MonitorMode::of).orElseThrow(() -> new IllegalArgumentException(
                "monitor '" + monitor + "' is not a metric of the " + task.name() + " task ("
                        + task.newMetrics().stream().map(Metric::name).toList()
                        + ", with val_ for validation): name one of them or set monitorMode"));
    }

    private boolean budgetSpent(TrainingSession session) {
        return config.maxSteps() > 0 && session.stepsDone() >= config.maxSteps();
    }

    private long plannedSteps(long stepsPerEpoch) {
        long byEpochs = stepsPerEpoch < 0 ? -1 : stepsPerEpoch * config.epochs();
        if (config.maxSteps() > 0) {
            return byEpochs < 0 ? config.maxSteps() : Math.min(byEpochs, config.maxSteps());
        }
        return byEpochs;
    }

    /** Counts one epoch's batches only when the schedule needs it (COSINE) or it is cheap. */
    private long stepsPerEpoch(MultiDataSetIterator train) {
        if (train instanceof org.sdzoo.datasets.ArrayMultiDataSetIterator a) {
            return a.batchesPerEpoch();
        }
        if (config.schedule() != Schedule.COSINE) {
            return -1;
        }
        train.reset();
        long n = 0;
        while (train.hasNext()) {
            train.next();
            n++;
        }
        return n;
    }

    /** Builder of a {@link Trainer}. */
    public static final class Builder {
        private TrainerConfig config = TrainerConfig.builder().build();
        private Path checkpointDir;
        private String datasetName;
        private final List<TrainingListener> listeners = new ArrayList<>();

        public Builder config(TrainerConfig v) {
            config = v;
            return this;
        }

        /** Writes {@value #LAST_CHECKPOINT} after every epoch and {@value #BEST_CHECKPOINT} on improvement. */
        public Builder checkpointDir(Path v) {
            checkpointDir = v;
            return this;
        }

        /** Names the data in checkpoint metadata. */
        public Builder dataset(String v) {
            datasetName = v;
            return this;
        }

        public Builder listener(TrainingListener v) {
            listeners.add(v);
            return this;
        }

        /**
         * Adds the usual listeners: unless {@code quiet}, one SLF4J line per epoch and, when
         * standard error is a terminal, a progress bar, else a progress line every minute; with an output directory,
         * {@value #HISTORY_CSV} there after every epoch.
         *
         * @param outDirOrNull where to write the history, or null for none
         */
        public Builder standardListeners(Path outDirOrNull, boolean quiet) {
            if (!quiet) {
                boolean terminal = System.console() != null;
                if (terminal) {
                    listeners.add(new ProgressBarListener());
                }
                // Without a terminal (a log file, CI), a progress line replaces the bar.
                listeners.add(new LoggingListener(terminal ? 0 : PROGRESS_LINE_SECONDS));
            }
            if (outDirOrNull != null) {
                listeners.add(new HistoryCsv(outDirOrNull.resolve(HISTORY_CSV)));
            }
            return this;
        }

        public Trainer build() {
            if (config == null) {
                throw new IllegalArgumentException("a trainer needs a TrainerConfig");
            }
            return new Trainer(this);
        }
    }
}
