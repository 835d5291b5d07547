package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRatesTest {

    @Test
    void constantIsTheBaseRate() {
        TrainerConfig c = TrainerConfig.builder().learningRate(0.1).build();
        assertEquals(0.1, LearningRates.at(c, 1000, 7, 2000), 0);
    }

    @Test
    void stepDecaysEveryStepEpochs() {
        TrainerConfig c = TrainerConfig.builder().learningRate(1).schedule(Schedule.STEP).stepEpochs(2).stepGamma(0.5)
                .build();
        assertEquals(1.0, LearningRates.at(c, 0, 1, 10), 1e-15);
        assertEquals(0.5, LearningRates.at(c, 0, 2, 10), 1e-15);
        assertEquals(0.25, LearningRates.at(c, 0, 5, 10), 1e-15);
    }

    @Test
    void cosineGoesFromBaseToMinimum() {
        TrainerConfig c = TrainerConfig.builder().learningRate(1).schedule(Schedule.COSINE).minLearningRate(0.1).build();
        assertEquals(1.0, LearningRates.at(c, 0, 0, 100), 1e-12);
        assertEquals(0.55, LearningRates.at(c, 50, 0, 100), 1e-12);
        assertEquals(0.1, LearningRates.at(c, 100, 0, 100), 1e-12);
    }

    @Test
    void linearWarmupThenSchedule() {
        TrainerConfig c = TrainerConfig.builder().learningRate(1).warmupSteps(4).build();
        assertEquals(0.25, LearningRates.at(c, 0, 0, 10), 1e-15);
        assertEquals(1.0, LearningRates.at(c, 3, 0, 10), 1e-15);
        assertEquals(1.0, LearningRates.at(c, 9, 0, 10), 1e-15);
    }

    /** The Annotated Transformer's rate(step) = factor·d^-0.5·min(step^-0.5, step·warmup^-1.5), 1-based, peak = base. */
    @Test
    void inverseSquareRootIsTheNoamSchedule() {
        int warmup = 400;
        double d = 512;
        double peak = Math.pow(d, -0.5) * Math.pow(warmup, -0.5);
        TrainerConfig c = TrainerConfig.builder().learningRate(peak).schedule(Schedule.INVERSE_SQRT).warmupSteps(warmup)
                .build();
        for (long step : new long[] {0, 1, 199, 399, 400, 1000, 99_999}) {
            long n = step + 1;
            double noam = Math.pow(d, -0.5) * Math.min(Math.pow(n, -0.5), n * Math.pow(warmup, -1.5));
            assertEquals(noam, LearningRates.at(c, step, 0, 10), 1e-15, "step " + step);
        }
    }
}
