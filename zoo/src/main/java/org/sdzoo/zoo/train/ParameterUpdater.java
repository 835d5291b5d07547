package org.sdzoo.zoo.train;

import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Applies one optimiser step to named parameters in place, keeping the optimiser's moments by
 * name so they can be checkpointed and restored. Formulas follow PyTorch 1.13 exactly.
 */
public final class ParameterUpdater {

    /** The system property that keeps Adam on ND4J ops ({@code off}), to measure {@link AdamLoop}. */
    public static final String LOOP_PROPERTY = "sdzoo.updater.loop";

    private final TrainerConfig config;
    private final ParameterSelector decayed;
    private final Map<String, INDArray> state = new TreeMap<>();
    private final boolean javaLoop;

    public ParameterUpdater(TrainerConfig config) {
        this(config, !"off".equalsIgnoreCase(System.getProperty(LOOP_PROPERTY)));
    }

    /**
     * @param javaLoop whether Adam updates float32 parameters with {@link AdamLoop} (the same bits
     *                 as the ND4J ops, one pass), else with ND4J ops only (the reference)
     */
    ParameterUpdater(TrainerConfig config, boolean javaLoop) {
        this.javaLoop = javaLoop;
        this.config = config;
        this.decayed = new ParameterSelector(config.weightDecay() > 0 ? config.weightDecayParameters() : "");
    }

    /** @return the optimiser's moments by {@code <parameter>/<moment>}, for a checkpoint */
    public Map<String, INDArray> state() {
        return state;
    }

    /** Restores moments saved by {@link #state()}. */
    public void restore(Map<String, INDArray> saved) {
        state.clear();
        saved.forEach((k, v) -> state.put(k, v.dup()));
    }

    /**
     * Updates {@code parameter} in place.
     *
     * @param gradient consumed (may be modified)
     * @param lr       this step's learning rate
     * @param t        the 1-based number of this update (Adam's bias correction)
     */
    public void apply(String name, INDArray parameter, INDArray gradient, double lr, long t) {
        double wd = decayed.selects(name) ? config.weightDecay() : 0;
        INDArray g = gradient;
        if (wd > 0 && config.optimizer() != Optimizer.ADAMW) {
            g = g.add(parameter.mul(wd));
        }
        switch (config.optimizer()) {
            case SGD -> sgd(name, parameter, g, lr);
            case ADAM -> adam(name, parameter, g, lr, t);
            case ADAMW -> {
                if (wd > 0) {
                    parameter.muli(1 - lr * wd);
                }
                adam(name, parameter, g, lr, t);
            }
            case RMSPROP -> rmsprop(name, parameter, g, lr);
        }
    }

    private void sgd(String name, INDArray p, INDArray g, double lr) {
        INDArray step = g;
        if (config.momentum() > 0) {
            INDArray buf = state.get(name + "/momentum");
            if (buf == null) {
                buf = g.dup();
                state.put(name + "/momentum", buf);
            } else {
                buf.muli(config.momentum()).addi(g);
            }
            step = config.nesterov() ? g.add(buf.mul(config.momentum())) : buf;
        }
        p.subi(step.mul(lr));
    }

    private void adam(String name, INDArray p, INDArray g, double lr, long t) {
        INDArray m = state.computeIfAbsent(name + "/m", k -> p.ulike().assign(0));
        INDArray v = state.computeIfAbsent(name + "/v", k -> p.ulike().assign(0));
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bias1 = 1 - Math.pow(b1, t);
        double bias2 = 1 - Math.pow(b2, t);
        if (javaLoop && AdamLoop.handles(p, g, m, v)) {
            AdamLoop.update(p, g, m, v, b1, b2, bias1, bias2, config.epsilon(), lr);
            return;
        }
        m.muli(b1).addi(g.mul(1 - b1));
        v.muli(b2).addi(g.mul(g).muli(1 - b2));
        INDArray denominator = Transforms.sqrt(v, true).divi(Math.sqrt(bias2)).addi(config.epsilon());
        p.subi(m.div(denominator).muli(lr / bias1));
    }

    private void rmsprop(String name, INDArray p, INDArray g, double lr) {
        INDArray sq = state.computeIfAbsent(name + "/square_avg", k -> p.ulike().assign(0));
        double a = config.rmsAlpha();
        sq.muli(a).addi(g.mul(g).muli(1 - a));
        p.subi(g.div(Transforms.sqrt(sq, true).addi(config.epsilon())).muli(lr));
    }
}
