package org.sdzoo.zoo.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.plan.PlannedGraph;
import org.sdzoo.zoo.samediff.RunningState;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.task.Task;

/**
 * Trains one model on one task, one batch at a time: the training step of {@link Trainer#fit},
 * public so that a benchmark times the trainer's own step and a user can write their own loop.
 * Made by {@link Trainer#session}; it attaches the task's loss and owns the optimiser's state.
 *
 * <p>Each {@link #step} re-seeds ND4J's generator with {@code (seed, step)} first, so dropout
 * masks depend only on the seed and the step number, and a resumed run repeats an uninterrupted
 * one.
 */
public final class TrainingSession {

    private final ZooModel model;
    private final Task task;
    private final TrainerConfig config;
    private final ParameterUpdater updater;
    private final List<String> trainable;
    private final long totalSteps;
    private long step;
    private int epoch;
    private final List<String> runningStates;
    private double learningRate = Double.NaN;
    /** The plateau rule's factor on the schedule (see {@link PlateauDecay}). */
    private double learningRateScale = 1;
    private final PlannedGraph pass;

    /**
     * @param stepsDone  updates already done (when resuming)
     * @param totalSteps the run's planned updates (COSINE needs them), or -1 when unknown
     */
    TrainingSession(ZooModel model, Task task, TrainerConfig config, ParameterUpdater updater, long stepsDone,
                    long totalSteps) {
        this.model = model;
        this.task = task;
        this.config = config;
        this.updater = updater;
        this.step = stepsDone;
        this.totalSteps = totalSteps;
        task.attachLoss(model);
        // SameDiff guesses the loss only when the graph has one unconsumed output; models with
        // several outputs (logits and log-probabilities, features and a head) need it named.
        model.sameDiff().setLossVariables(Task.LOSS);
        ParameterSelector frozen = new ParameterSelector(config.freeze());
        this.trainable = model.parameterNames().stream().filter(p -> !frozen.selects(p)).toList();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("freeze '" + config.freeze() + "' matches every parameter of this "
                    + model.config().architecture() + " model " + model.parameterNames()
                    + ", so nothing would train: narrow it");
        }
        List<String> outputs = new ArrayList<>(List.of(Task.LOSS));
        this.runningStates = RunningState.names(model.sameDiff());   // batch norm's statistics, if any
        outputs.addAll(RunningState.nextNames(model.sameDiff()));
        this.pass = PlannedGraph.forGradients(model.sameDiff(), outputs, trainable);
    }

    /**
     * One training step on {@code batch}: forward pass in the training phase, the task's loss,
     * gradients of the parameters not frozen, clipping, and the optimiser's update.
     *
     * @param batch features (and features masks) in the model's input order; labels (and labels
     *              masks) in the task's
     * @return the batch's loss before the update
     * @throws IllegalStateException when the loss is NaN or infinite (the parameters are left as
     *                               they were)
     */
    public double step(MultiDataSet batch) {
        SameDiff sd = model.sameDiff();
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        feed.putAll(LearningPhase.feed(sd, true));
        Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + step);
        // Through the execution plan where it applies, else SameDiff's session (PlannedGraph says which).
        PlannedGraph.Result outAndGrad = pass.run(feed);
        double loss = outAndGrad.outputs().get(Task.LOSS).getDouble(0);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the training loss became " + loss + " at epoch " + (epoch + 1)
                    + ", step " + (step + 1) + ": lower the learning rate (now " + config.learningRate()
                    + ") or set clipNorm; the last checkpoint is intact");
        }
        learningRate = LearningRates.at(config, step, epoch, totalSteps) * learningRateScale;
        update(outAndGrad.gradients(), learningRate, step + 1);
        RunningState.advance(sd, runningStates, outAndGrad.outputs());
        step++;
        return loss;
    }

    private void update(Map<String, INDArray> gradients, double lr, long t) {
        List<INDArray> present = new ArrayList<>(trainable.size());
        for (String p : trainable) {
            INDArray g = gradients.get(p);
            if (g == null) {
                throw new IllegalStateException("SameDiff returned no gradient for parameter '" + p
                        + "': it does not influence the loss (freeze it if that is intended)");
            }
            present.add(g);
        }
        if (config.clipNorm() > 0) {
            GradientClipping.byGlobalNorm(present, config.clipNorm());
        }
        if (config.clipValue() > 0) {
            GradientClipping.byValue(present, config.clipValue());
        }
        SameDiff sd = model.sameDiff();
        for (int i = 0; i < trainable.size(); i++) {
            String p = trainable.get(i);
            updater.apply(p, sd.getArrForVarName(p), present.get(i), lr, t);
        }
    }

    /** @return updates done so far, including those before a resume */
    public long stepsDone() {
        return step;
    }

    /**
     * @return whether the last step ran through the execution plan (false: SameDiff's session;
     *         {@code PlannedGraph} logs why at DEBUG)
     */
    public boolean lastStepPlanned() {
        return pass.lastRunPlanned();
    }

    /** @return the learning rate of the last step (NaN before the first) */
    public double learningRate() {
        return learningRate;
    }

    /** @return the parameters this session updates: every parameter the {@code freeze} pattern leaves, sorted */
    public List<String> trainableParameters() {
        return trainable;
    }

    /** @return the model trained in place */
    public ZooModel model() {
        return model;
    }

    /** @return the task whose loss is minimised */
    public Task task() {
        return task;
    }

    /** Sets the factor on the schedule's learning rate from the next step on (the plateau rule's). */
    void learningRateScale(double scale) {
        this.learningRateScale = scale;
    }

    /** Sets the 0-based epoch the STEP schedule and error messages refer to. */
    void epoch(int epoch) {
        this.epoch = epoch;
    }

    /** @return the optimiser's state, for a checkpoint */
    ParameterUpdater updater() {
        return updater;
    }
}
