package org.sdzoo.zoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.EpochAware;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.CheckpointState;
import org.sdzoo.zoo.io.LoadedArchive;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trainer of every model. It runs its own loop over
 * {@code SameDiff.calculateGradientsAndOutputs} rather than {@code SameDiff.fit}, because M2.1's
 * fit reports a loss of 0 to listeners, has no gradient clipping or per-parameter weight decay,
 * and cannot continue training a graph loaded from a file. Updates follow PyTorch's optimisers.
 *
 * <p>Determinism: ND4J's generator is re-seeded with {@code (seed, step)} before every step and
 * an {@link EpochAware} iterator is told the epoch, so a resumed run repeats an uninterrupted one.
 */
public final class Trainer {

    /** File name of the checkpoint written after every epoch. */
    public static final String LAST_CHECKPOINT = "last.sdz";
    /** File name of the checkpoint of the best monitored epoch. */
    public static final String BEST_CHECKPOINT = "best.sdz";

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

    /** @return a builder; {@link Builder#config} is the only required setting */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the trainer config */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Trains {@code model} in place from its current parameters.
     *
     * @param train      training batches; features in the model's input order, labels in the task's
     * @param validation evaluated after every epoch, or {@code null}
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
        task.attachLoss(model);
        SameDiff sd = model.sameDiff();
        List<String> parameters = model.parameterNames();
        String monitor = monitorName(task, validation != null);
        MonitorMode mode = monitorMode(task, monitor);
        long stepsPerEpoch = stepsPerEpoch(train);
        long totalSteps = plannedSteps(stepsPerEpoch);

        List<EpochRecord> history = new ArrayList<>(start.history());
        long step = start.step();
        double best = start.bestValue();
        int bestEpoch = start.bestEpoch();
        int badEpochs = start.badEpochs();
        double secondsBefore = start.seconds();
        long startNanos = System.nanoTime();
        boolean stoppedEarly = false;
        listeners.forEach(l -> l.onTrainStart(start.epochsDone() + 1, config.epochs(), totalSteps, start.step()));

        for (int epoch = start.epochsDone(); epoch < config.epochs() && !budgetSpent(step) && !stoppedEarly; epoch++) {
            if (train instanceof EpochAware aware) {
                aware.setEpoch(epoch);
            }
            train.reset();
            double lossSum = 0;
            double examples = 0;
            long batches = 0;
            double lr = Double.NaN;
            while (train.hasNext() && !budgetSpent(step)) {
                MultiDataSet batch = train.next();
                Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
                feed.putAll(task.feed(model, batch));
                feed.putAll(LearningPhase.feed(sd, true));
                Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + step);
                // The first call builds the gradient graph, which M2.1 narrates on System.out.
                var outAndGrad = step == start.step()
                        ? QuietSameDiff.run(() -> sd.calculateGradientsAndOutputs(feed, List.of(Task.LOSS), parameters))
                        : sd.calculateGradientsAndOutputs(feed, List.of(Task.LOSS), parameters);
                double loss = outAndGrad.getOutputs().get(Task.LOSS).getDouble(0);
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("the training loss became " + loss + " at epoch " + (epoch + 1)
                            + ", step " + (step + 1) + ": lower the learning rate (now " + config.learningRate()
                            + ") or set clipNorm; the last checkpoint is intact");
                }
                lr = LearningRates.at(config, step, epoch, totalSteps);
                update(parameters, sd, outAndGrad.getGradients(), updater, lr, step + 1);
                step++;
                double weight = task.weight(batch);
                if (weight > 0) {
                    lossSum += loss * weight;
                    examples += weight;
                }
                batches++;
                for (TrainingListener l : listeners) {
                    l.onStep(epoch + 1, step, loss, lr);
                }
            }
            if (batches == 0) {
                throw new IllegalArgumentException("the training data produced no batch in epoch " + (epoch + 1)
                        + ": check that the iterator is not empty and supports reset()");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (validation != null) {
                Evaluator.evaluate(model, task, validation).forEach((k, v) -> metrics.put("val_" + k, v));
            }
            double seconds = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
            double epochLoss = examples == 0 ? Double.NaN : lossSum / examples;
            EpochRecord record = new EpochRecord(epoch + 1, step, epochLoss, lr, seconds, metrics);
            history.add(record);
            double value = record.value(monitor);
            boolean improved = mode.improves(value, best);
            if (improved) {
                best = value;
                bestEpoch = epoch + 1;
                badEpochs = 0;
            } else {
                badEpochs++;
            }
            stoppedEarly = config.patience() > 0 && badEpochs >= config.patience();
            TrainerState state = new TrainerState(epoch + 1, step, best, bestEpoch, badEpochs, seconds, history, config);
            checkpoint(model, state, updater, improved, record);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(record, List.copyOf(history));
            }
            if (stoppedEarly) {
                LOG.info("Early stop after epoch {}: {} has not improved for {} epochs (best {} at epoch {})",
                        epoch + 1, monitor, badEpochs, best, bestEpoch);
            }
        }
        double seconds = secondsBefore + (System.nanoTime() - startNanos) / 1e9;
        TrainingResult result = new TrainingResult(history, monitor, best, bestEpoch, stoppedEarly, step, seconds);
        listeners.forEach(l -> l.onTrainEnd(result));
        return result;
    }

    private void update(List<String> parameters, SameDiff sd, Map<String, INDArray> gradients,
                        ParameterUpdater updater, double lr, long t) {
        List<INDArray> present = new ArrayList<>();
        for (String p : parameters) {
            INDArray g = gradients.get(p);
            if (g == null) {
                throw new IllegalStateException("SameDiff returned no gradient for parameter '" + p
                        + "': it does not influence the loss");
            }
            present.add(g);
        }
        if (config.clipNorm() > 0) {
            GradientClipping.byGlobalNorm(present, config.clipNorm());
        }
        if (config.clipValue() > 0) {
            GradientClipping.byValue(present, config.clipValue());
        }
        for (int i = 0; i < parameters.size(); i++) {
            String p = parameters.get(i);
            updater.apply(p, sd.getArrForVarName(p), present.get(i), lr, t);
        }
    }

    private void checkpoint(ZooModel model, TrainerState state, ParameterUpdater updater, boolean best,
                            EpochRecord record) {
        if (checkpointDir == null) {
            return;
        }
        try {
            CheckpointState cp = new CheckpointState(ConfigJson.write(state), updater.state());
            ArchiveMetadata meta = ArchiveMetadata.of(datasetName, config.seed(), record.metricsWithLoss(),
                    state.seconds());
            ModelArchive.write(checkpointDir.resolve(LAST_CHECKPOINT), model, meta, cp);
            if (best) {
                ModelArchive.write(checkpointDir.resolve(BEST_CHECKPOINT), model, meta, cp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint to " + checkpointDir + ": " + e.getMessage(), e);
        }
    }

    private String monitorName(Task task, boolean hasValidation) {
        if (!config.monitor().isEmpty()) {
            return config.monitor();
        }
        return hasValidation ? "val_" + task.defaultMonitor() : "loss";
    }

    /** The configured mode, else the one the task's metric declares; a loss is minimised. */
    private MonitorMode monitorMode(Task task, String monitor) {
        if (config.monitorMode() != null) {
            return config.monitorMode();
        }
        return task.higherIsBetter(monitor).map(MonitorMode::of).orElseThrow(() -> new IllegalArgumentException(
                "monitor '" + monitor + "' is not a metric of the " + task.name() + " task ("
                        + task.newMetrics().stream().map(m -> m.name()).toList()
                        + ", with val_ for validation): name one of them or set monitorMode"));
    }

    private boolean budgetSpent(long step) {
        return config.maxSteps() > 0 && step >= config.maxSteps();
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

        public Trainer build() {
            if (config == null) {
                throw new IllegalArgumentException("a trainer needs a TrainerConfig");
            }
            return new Trainer(this);
        }
    }
}
