package org.sdzoo.zoo.models.kernelregression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataChecks;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.Kernel;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.NadarayaWatson;

/**
 * Builds Nadaraya–Watson kernel-regression models. The training set is the model's memory: its
 * inputs are the keys {@code [K, F]} and its targets the values {@code [K]}, stored in the graph
 * (and so in the archive) as constants.
 *
 * <p>Inputs: {@value #QUERIES} {@code [Q, F]}; optional {@value #KEY_MASK} {@code [Q, K]} (1 = may
 * attend; default all ones; leave-one-out training masks the diagonal). Outputs:
 * {@value #PREDICTIONS} {@code [Q]} and {@value #ATTENTION} {@code [Q, K]}.
 */
public final class KernelRegression {

    /** Query placeholder, {@code [Q, F]}. */
    public static final String QUERIES = "queries";
    /** Optional key-mask placeholder, {@code [Q, K]}. */
    public static final String KEY_MASK = "keyMask";
    /** Memory constant: training inputs, {@code [K, F]}. */
    public static final String KEYS = "keys";
    /** Memory constant: training targets, {@code [K, 1]}. */
    public static final String VALUES = "values";
    /** The keys transposed, {@code [F, K]}, the layout the attention block computes with. */
    static final String KEYS_BY_FEATURE = "keysByFeature";
    /** The learnable inverse bandwidth of the parametric estimator, {@code [F]}. */
    public static final String W = "w";
    /** Output: predictions, {@code [Q]}. */
    public static final String PREDICTIONS = "predictions";
    /** Output: attention weights, {@code [Q, K]}. */
    public static final String ATTENTION = "attention";

    private KernelRegression() {
    }

    /**
     * @param keys   training inputs {@code [K, F]} ({@code [K]} is accepted when F = 1)
     * @param values training targets {@code [K]}
     */
    public static ZooModel create(KernelRegressionConfig config, INDArray keys, INDArray values) {
        int f = config.numFeatures();
        INDArray k = keys.rank() == 1 && f == 1 ? keys.reshape(keys.length(), 1) : keys;
        DataChecks.requireShape(k, "keys", -1, f);
        DataChecks.requireShape(values, "values", k.size(0));
        DataChecks.requireFinite(k, "keys");
        DataChecks.requireFinite(values, "values");
        if (k.size(0) == 0) {
            throw new IllegalArgumentException("kernel regression needs at least one training point (keys is empty)");
        }
        DataType type = config.precision().dataType();
        long numKeys = k.size(0);

        SameDiff sd = SameDiff.create();
        SDVariable queries = sd.placeHolder(QUERIES, type, -1, f);
        // The additive form is computed in the graph: two planned ops cost less than the two
        // Java-side array ops (and their allocation) per step that built it before.
        SDVariable mask = sd.placeHolder(KEY_MASK, type, -1, numKeys).rsub(1.0).mul(MaskedSoftmax.MASKED_SCORE);
        INDArray typedKeys = k.castTo(type);
        sd.constant(KEYS, typedKeys.dup());
        SDVariable keysByFeature = sd.constant(KEYS_BY_FEATURE, typedKeys.transpose().dup('c'));
        SDVariable valueColumn = sd.constant(VALUES, values.castTo(type).reshape(numKeys, 1).dup());

        AttentionOutputs nw = switch (config.estimator()) {
            case PARAMETRIC -> {
                SDVariable w = sd.var(W, Nd4j.valueArrayOf(new long[] {f}, config.initialW(), type));
                yield NadarayaWatson.parametric(sd, "nw", queries, keysByFeature, valueColumn, w, mask);
            }
            case NONPARAMETRIC -> NadarayaWatson.fixedKernel(sd, "nw", queries, keysByFeature, valueColumn,
                    config.kernel(), config.bandwidth(), mask);
            case AVERAGE -> NadarayaWatson.fixedKernel(sd, "nw", queries, keysByFeature, valueColumn, Kernel.CONSTANT,
                    1.0, mask);
        };
        nw.output().rename(PREDICTIONS);
        nw.weights().rename(ATTENTION);

        return new ZooModel(config, sd,
                List.of(new TensorSpec(QUERIES, "[Q, F]", -1, f)),
                List.of(new TensorSpec(KEY_MASK, "[Q, K]", -1, numKeys)),
                List.of(new TensorSpec(PREDICTIONS, "[Q]", -1), new TensorSpec(ATTENTION, "[Q, K]", -1, numKeys)),
                given -> withDefaultMask(given, numKeys, type));
    }

    /** Feeds the 0/1 {@link #KEY_MASK}, all ones (every key) when the caller gives none. */
    private static Map<String, INDArray> withDefaultMask(Map<String, INDArray> given, long numKeys, DataType type) {
        if (given.containsKey(KEY_MASK)) {
            return given;
        }
        Map<String, INDArray> feed = new LinkedHashMap<>(given);
        feed.put(KEY_MASK, Nd4j.ones(type, given.get(QUERIES).size(0), numKeys));
        return feed;
    }

    /**
     * The leave-one-out mask of d2l's training: query i may not attend to key i.
     *
     * @return {@code [n, n]}: 0 on the diagonal, 1 elsewhere
     */
    public static INDArray leaveOneOutMask(long n, DataType type) {
        return Nd4j.ones(type, n, n).subi(Nd4j.eye(n).castTo(type));
    }

    /**
     * The training batch of d2l's parametric fit: every training point is a query that attends to
     * all other training points.
     *
     * @param x {@code [n, F]} the model's keys
     * @param y {@code [n]} the model's values
     * @return features {@code [queries, keyMask]}, labels {@code [y]}
     */
    public static MultiDataSet leaveOneOutBatch(INDArray x, INDArray y, DataType type) {
        INDArray queries = x.rank() == 1 ? x.reshape(x.length(), 1) : x;
        return new MultiDataSet(new INDArray[] {queries.castTo(type), leaveOneOutMask(queries.size(0), type)},
                new INDArray[] {y.castTo(type).reshape(y.length())});
    }
}
