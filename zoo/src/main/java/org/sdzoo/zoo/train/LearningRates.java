package org.sdzoo.zoo.train;

/** The learning rate as a pure function of the step, the epoch and the run's length. */
public final class LearningRates {

    private LearningRates() {
    }

    /**
     * @param step       updates done before this one (0-based)
     * @param epoch      the current epoch (0-based)
     * @param totalSteps the run's planned number of updates (used by COSINE)
     * @return the learning rate of update {@code step}
     */
    public static double at(TrainerConfig c, long step, int epoch, long totalSteps) {
        double base = c.learningRate();
        double lr = switch (c.schedule()) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(c.stepGamma(), epoch / c.stepEpochs());
            case COSINE -> {
                long span = Math.max(1, totalSteps - c.warmupSteps());
                double progress = Math.min(1.0, Math.max(0, step - c.warmupSteps()) / (double) span);
                yield c.minLearningRate() + (base - c.minLearningRate()) * (1 + Math.cos(Math.PI * progress)) / 2;
            }
            case INVERSE_SQRT -> base * Math.sqrt(Math.max(1, c.warmupSteps()) / (double) Math.max(step + 1,
                    Math.max(1, c.warmupSteps())));
        };
        if (step < c.warmupSteps()) {
            lr *= (step + 1) / (double) c.warmupSteps();
        }
        return lr;
    }
}
