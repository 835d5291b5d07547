package org.sdzoo.zoo.train;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.Require;

/**
 * How to train: optimiser, learning-rate schedule, regularisation, budget, early stopping and
 * seed. Immutable and validated; round-trips through JSON.
 *
 * @param optimizer             the update rule
 * @param learningRate          the base learning rate
 * @param momentum              SGD momentum (0 = plain SGD)
 * @param nesterov              SGD Nesterov momentum
 * @param beta1                 Adam/AdamW first-moment decay
 * @param beta2                 Adam/AdamW second-moment decay
 * @param epsilon               Adam/AdamW/RMSprop denominator term
 * @param rmsAlpha              RMSprop squared-gradient decay
 * @param weightDecay           L2 (SGD, Adam, RMSprop) or decoupled (AdamW) weight decay; 0 = off
 * @param weightDecayParameters a regular expression; only parameters whose whole name matches it
 *                              are decayed (e.g. GCN decays its first layer only)
 * @param freeze                a regular expression; parameters whose whole name matches it are
 *                              frozen: no gradient, no update (e.g. fine-tune a head only); empty
 *                              = none
 * @param schedule              the learning-rate schedule
 * @param stepEpochs            STEP: epochs between decays
 * @param stepGamma             STEP: the factor of each decay
 * @param minLearningRate       COSINE: the final learning rate
 * @param warmupSteps           linear warm-up from 0 over this many steps; 0 = none
 * @param clipNorm              scale all gradients down so their global L2 norm is at most this; 0 = off
 * @param clipValue             clamp every gradient element into [-clipValue, clipValue]; 0 = off
 * @param epochs                passes over the training data
 * @param maxSteps              stop after this many updates in total; 0 = no limit
 * @param validateEverySteps    also evaluate the validation data every this many updates within
 *                              an epoch (reported to listeners); 0 = at the end of each epoch only
 * @param monitor               the metric for early stopping and the best checkpoint, e.g.
 *                              {@code val_loss}; empty = {@code val_<task default>} with
 *                              validation data, else the training {@code loss}
 * @param monitorMode           MIN or MAX; null = as the task's metric declares
 * @param patience              stop after this many epochs without improvement; 0 = never stop early
 * @param stopRule              how the patience ends a run: epochs without a new best, or Kipf's
 *                              window (worse than the mean of the last {@code patience} values)
 * @param restoreBest           at the end of the run, put back the parameters of the best
 *                              monitored epoch (Keras' {@code restore_best_weights}): the model
 *                              returned and evaluated is the one {@code best.sdz} holds
 * @param plateauFactor         multiply the learning rate by this after every epoch whose monitored
 *                              value is worse than each of the {@code plateauWindow} epochs before
 *                              it (locuslab's TCN rule; PyTorch's {@code ReduceLROnPlateau} in
 *                              spirit); 1 = off
 * @param plateauWindow         how many earlier epochs a plateau epoch must be worse than
 * @param plateauAfterEpoch     only epochs after this one can reduce the learning rate
 * @param seed                  seeds ND4J's generator before every step (dropout) and the data order
 */
@JsonDeserialize(builder = TrainerConfig.Builder.class)
public record TrainerConfig(Optimizer optimizer, double learningRate, double momentum, boolean nesterov,
                            double beta1, double beta2, double epsilon, double rmsAlpha, double weightDecay,
                            String weightDecayParameters, String freeze, Schedule schedule, int stepEpochs,
                            double stepGamma, double minLearningRate, long warmupSteps, double clipNorm,
                            double clipValue, int epochs, long maxSteps, long validateEverySteps, String monitor,
                            MonitorMode monitorMode, int patience, StopRule stopRule, boolean restoreBest,
                            double plateauFactor, int plateauWindow, int plateauAfterEpoch, long seed) {

    /** Validates every field. */
    public TrainerConfig {
        Require.present("optimizer", optimizer);
        Require.positive("learningRate", learningRate);
        Require.inRange("momentum", momentum, 0, 1);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs a momentum above 0: set momentum (e.g. 0.9) or turn nesterov off");
        }
        Require.inRange("beta1", beta1, 0, 1);
        Require.inRange("beta2", beta2, 0, 1);
        Require.positive("epsilon", epsilon);
        Require.inRange("rmsAlpha", rmsAlpha, 0, 1);
        Require.nonNegative("weightDecay", weightDecay);
        requireRegex("weightDecayParameters", weightDecayParameters, "\".*\" for all");
        requireRegex("freeze", freeze, "\"encoder.*\" to freeze the encoder, \"\" for none");
        Require.present("schedule", schedule);
        Require.positive("stepEpochs", stepEpochs);
        Require.positive("stepGamma", stepGamma);
        Require.nonNegative("minLearningRate", minLearningRate);
        if (minLearningRate > learningRate) {
            throw new IllegalArgumentException("minLearningRate (" + minLearningRate + ") is above learningRate ("
                    + learningRate + "): lower it");
        }
        Require.nonNegative("warmupSteps", warmupSteps);
        Require.nonNegative("clipNorm", clipNorm);
        Require.nonNegative("clipValue", clipValue);
        Require.positive("epochs", epochs);
        Require.nonNegative("maxSteps", maxSteps);
        Require.nonNegative("validateEverySteps", validateEverySteps);
        Require.present("monitor", monitor);
        Require.nonNegative("patience", patience);
        Require.present("stopRule", stopRule);
        if (!(plateauFactor > 0 && plateauFactor <= 1)) {
            throw new IllegalArgumentException("plateauFactor must be in (0, 1] but is " + plateauFactor
                    + ": use e.g. 0.1 to divide the learning rate by 10 on a plateau, or 1 for no reduction");
        }
        Require.positive("plateauWindow", plateauWindow);
        Require.nonNegative("plateauAfterEpoch", plateauAfterEpoch);
    }

    private static void requireRegex(String field, String value, String example) {
        Require.present(field, value);
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a valid regular expression ("
                    + e.getDescription() + "): use e.g. " + example, e);
        }
    }

    /** @return a builder with PyTorch's defaults for each optimiser, Adam at 1e-3, 10 epochs, seed 42 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder with this config's values */
    public Builder toBuilder() {
        return new Builder().optimizer(optimizer).learningRate(learningRate).momentum(momentum).nesterov(nesterov)
                .beta1(beta1).beta2(beta2).epsilon(epsilon).rmsAlpha(rmsAlpha).weightDecay(weightDecay)
                .weightDecayParameters(weightDecayParameters).freeze(freeze).schedule(schedule).stepEpochs(stepEpochs)
                .stepGamma(stepGamma).minLearningRate(minLearningRate).warmupSteps(warmupSteps).clipNorm(clipNorm)
                .clipValue(clipValue).epochs(epochs).maxSteps(maxSteps).validateEverySteps(validateEverySteps)
                .monitor(monitor).monitorMode(monitorMode).patience(patience).stopRule(stopRule)
                .restoreBest(restoreBest).plateauFactor(plateauFactor).plateauWindow(plateauWindow)
                .plateauAfterEpoch(plateauAfterEpoch).seed(seed);
    }

    /** @return this config as JSON */
    public String toJson() {
        return ConfigJson.write(this);
    }

    /** Reads a config; missing fields take the defaults. */
    public static TrainerConfig fromJson(String json) {
        return ConfigJson.read(json, TrainerConfig.class);
    }

    /** Builder with defaults. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private Optimizer optimizer = Optimizer.ADAM;
        private double learningRate = 1e-3;
        private double momentum = 0;
        private boolean nesterov = false;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double rmsAlpha = 0.99;
        private double weightDecay = 0;
        private String weightDecayParameters = ".*";
        private String freeze = "";
        private Schedule schedule = Schedule.CONSTANT;
        private int stepEpochs = 1;
        private double stepGamma = 0.1;
        private double minLearningRate = 0;
        private long warmupSteps = 0;
        private double clipNorm = 0;
        private double clipValue = 0;
        private int epochs = 10;
        private long maxSteps = 0;
        private long validateEverySteps = 0;
        private String monitor = "";
        private MonitorMode monitorMode = null;
        private int patience = 0;
        private StopRule stopRule = StopRule.NO_IMPROVEMENT;
        private boolean restoreBest = false;
        private double plateauFactor = 1;
        private int plateauWindow = 3;
        private int plateauAfterEpoch = 0;
        private long seed = 42;

        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        public Builder rmsAlpha(double v) {
            rmsAlpha = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder weightDecayParameters(String v) {
            weightDecayParameters = v;
            return this;
        }

        public Builder freeze(String v) {
            freeze = v;
            return this;
        }

        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder stepEpochs(int v) {
            stepEpochs = v;
            return this;
        }

        public Builder stepGamma(double v) {
            stepGamma = v;
            return this;
        }

        public Builder minLearningRate(double v) {
            minLearningRate = v;
            return this;
        }

        public Builder warmupSteps(long v) {
            warmupSteps = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder clipValue(double v) {
            clipValue = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder maxSteps(long v) {
            maxSteps = v;
            return this;
        }

        public Builder validateEverySteps(long v) {
            validateEverySteps = v;
            return this;
        }

        public Builder monitor(String v) {
            monitor = v;
            return this;
        }

        public Builder monitorMode(MonitorMode v) {
            monitorMode = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder stopRule(StopRule v) {
            stopRule = v;
            return this;
        }

        public Builder restoreBest(boolean v) {
            restoreBest = v;
            return this;
        }

        public Builder plateauFactor(double v) {
            plateauFactor = v;
            return this;
        }

        public Builder plateauWindow(int v) {
            plateauWindow = v;
            return this;
        }

        public Builder plateauAfterEpoch(int v) {
            plateauAfterEpoch = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(optimizer, learningRate, momentum, nesterov, beta1, beta2, epsilon, rmsAlpha,
                    weightDecay, weightDecayParameters, freeze, schedule, stepEpochs, stepGamma, minLearningRate,
                    warmupSteps, clipNorm, clipValue, epochs, maxSteps, validateEverySteps, monitor, monitorMode,
                    patience, stopRule, restoreBest, plateauFactor, plateauWindow, plateauAfterEpoch, seed);
        }
    }
}
