package org.sdzoo.zoo.task;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;

/** A tiny linear model {@code x W + b} to test tasks and the trainer without an architecture. */
public final class LinearProbe {

    record Config(int inputs, int outputs) implements ModelConfig {
        @Override
        public String architecture() {
            return "linear-probe";
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }
    }

    private LinearProbe() {
    }

    /** @return a model with input {@code x [B, inputs]} and output {@code y [B, outputs]} */
    public static ZooModel create(int inputs, int outputs, long seed) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, inputs);
        Nd4j.getRandom().setSeed(seed);
        SDVariable w = sd.var("W", Nd4j.randn(DataType.DOUBLE, inputs, outputs).muli(0.5));
        SDVariable b = sd.var("b", Nd4j.randn(DataType.DOUBLE, outputs).muli(0.1));
        x.mmul(w).add("y", b);
        return new ZooModel(new Config(inputs, outputs), sd, List.of(new TensorSpec("x", "[B, F]", -1, inputs)),
                List.of(), List.of(new TensorSpec("y", "[B, C]", -1, outputs)), given -> given);
    }

    /**
     * @return a per-token linear model with input {@code x [B, T, inputs]} and output
     *         {@code y [B, T, outputs]}, the same map at every position
     */
    public static ZooModel tokens(int inputs, int outputs, long seed) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, -1, inputs);
        Nd4j.getRandom().setSeed(seed);
        SDVariable w = sd.var("W", Nd4j.randn(DataType.DOUBLE, inputs, outputs).muli(0.5));
        SDVariable b = sd.var("b", Nd4j.randn(DataType.DOUBLE, outputs).muli(0.1));
        sd.expandDims(x, 3).mul(w).sum(2).add("y", b);                         // [B, T, F, 1] · [F, C] → [B, T, C]
        return new ZooModel(new Config(inputs, outputs), sd, List.of(new TensorSpec("x", "[B, T, F]", -1, -1, inputs)),
                List.of(), List.of(new TensorSpec("y", "[B, T, C]", -1, -1, outputs)), given -> given);
    }
}
