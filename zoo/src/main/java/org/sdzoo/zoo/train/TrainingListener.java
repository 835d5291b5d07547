package org.sdzoo.zoo.train;

/** Observes training. Every method has an empty default, so a listener implements what it needs. */
public interface TrainingListener {

    /**
     * @param firstEpoch   1-based epoch training starts at (above 1 when resuming)
     * @param epochs       the last epoch
     * @param totalSteps   planned updates in all, or -1 when unknown
     * @param stepsDone    updates already done (when resuming)
     */
    default void onTrainStart(int firstEpoch, int epochs, long totalSteps, long stepsDone) {
    }

    /** After each update: the batch's loss (before the update) and the learning rate used. */
    default void onStep(int epoch, long step, double loss, double learningRate) {
    }

    /**
     * After a validation within an epoch ({@code validateEverySteps}); the epoch's own validation
     * comes with {@link #onEpochEnd}.
     *
     * @param metrics validation metrics ({@code val_…}) by name
     */
    default void onValidation(int epoch, long step, java.util.Map<String, Double> metrics) {
    }

    /** After each epoch's validation. */
    default void onEpochEnd(EpochRecord record, java.util.List<EpochRecord> history) {
    }

    /** Once at the end, also after early stopping. */
    default void onTrainEnd(TrainingResult result) {
    }
}
