package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;

/**
 * Each optimiser against PyTorch 1.13 on a least-squares problem, six steps
 * (fixtures/optimizers/make_fixture.py).
 */
class ParameterUpdaterParityTest {

    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(ParameterUpdaterParityTest.class
                .getResource("/fixtures/optimizers/optimizers.npz").toURI()));
    }

    record Case(String name, TrainerConfig config) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        UnaryOperator<TrainerConfig.Builder> none = b -> b;
        return List.of(
                new Case("sgd", none.apply(TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1)).build()),
                new Case("sgd_momentum_nesterov_wd", TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.05)
                        .momentum(0.9).nesterov(true).weightDecay(0.01).build()),
                new Case("adam_wd", TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.1).beta1(0.8)
                        .beta2(0.95).epsilon(1e-6).weightDecay(0.05).build()),
                new Case("adamw", TrainerConfig.builder().optimizer(Optimizer.ADAMW).learningRate(0.1).weightDecay(0.1)
                        .clipNorm(0.5).build()),
                new Case("rmsprop", TrainerConfig.builder().optimizer(Optimizer.RMSPROP).learningRate(0.01).rmsAlpha(0.9)
                        .build()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPyTorchStepForStep(Case c) {
        INDArray a = fixture.get("A");
        INDArray b = fixture.get("b");
        INDArray p = fixture.get("p0").dup();
        INDArray expected = fixture.get(c.name() + "_params");
        ParameterUpdater updater = new ParameterUpdater(c.config());
        for (int step = 0; step < expected.size(0); step++) {
            INDArray residual = a.mmul(p.reshape(3, 1)).reshape(4).subi(b);              // [4]
            INDArray gradient = a.transpose().mmul(residual.reshape(4, 1)).reshape(3);    // [3]
            if (c.config().clipNorm() > 0) {
                GradientClipping.byGlobalNorm(List.of(gradient), c.config().clipNorm());
            }
            updater.apply("p", p, gradient, c.config().learningRate(), step + 1);
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.getDouble(step, i), p.getDouble(i), 1e-12,
                        c.name() + " step " + (step + 1) + " element " + i);
            }
        }
    }
}
