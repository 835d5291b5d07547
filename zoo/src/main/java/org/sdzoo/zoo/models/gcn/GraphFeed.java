package org.sdzoo.zoo.models.gcn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.CsrFeatures;
import org.sdzoo.zoo.blocks.graph.GcnNorm;
import org.sdzoo.zoo.blocks.graph.NormalizedEdges;

/**
 * Turns a GCN's inputs ({@link Gcn}'s public names, already shape-checked and cast to the model's
 * floating type by {@code ZooModel}) into its graph placeholders: integer ids back to INT32
 * (exact below 2^24 nodes in float32), CSR row pointers to row ids, optional row-normalised
 * features, and the normalised propagation from {@link GcnNorm}. The propagation of the last edge
 * list is cached (compared by content), so repeated full-batch steps normalise once.
 */
final class GraphFeed implements UnaryOperator<Map<String, INDArray>> {

    private final GcnConfig config;
    private final DataType type;
    private int cachedNodes = -1;
    private int[] cachedEdges;
    private double[] cachedWeights;
    private Map<String, INDArray> cachedPropagation;
    private final PreparedFeatures preparedFeatures = new PreparedFeatures();
    /** the last CSR arrays as given (their floats) and the placeholders prepared from them */
    private double[][] cachedCsr;
    private Map<String, INDArray> cachedSparse;
    private int cachedSparseRows;

    GraphFeed(GcnConfig config) {
        this.config = config;
        this.type = config.precision().dataType();
    }

    @Override
    public Map<String, INDArray> apply(Map<String, INDArray> given) {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        int n = config.sparseFeatures() ? sparseFeatures(given, feed) : denseFeatures(given, feed);
        int[] edges = ids(given.get(Gcn.EDGES), Gcn.EDGES);
        INDArray w = given.get(Gcn.EDGE_WEIGHT);
        double[] weights = w == null ? null : w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (weights != null && weights.length * 2 != edges.length) {
            throw new IllegalArgumentException("there are " + edges.length / 2 + " edges but " + weights.length
                    + " edge weights: give one weight per edge, or none");
        }
        feed.putAll(propagation(n, edges, weights));
        if (config.sparseFeatures() || config.propagation() == PropagationForm.EDGE_LIST) {
            feed.put(Gcn.NUM_NODES, Nd4j.scalar(n));
        }
        return feed;
    }

    private int denseFeatures(Map<String, INDArray> given, Map<String, INDArray> feed) {
        INDArray x = given.get(Gcn.FEATURES);
        feed.put(Gcn.FEATURES, config.normalizeFeatures()
                ? preparedFeatures.get(x, () -> x.mulColumnVector(inverseRowSums(x.sum(1)))) : x);
        return (int) x.size(0);
    }

    /**
     * The CSR placeholders, prepared again only when the arrays' contents change: a full-batch run
     * feeds the same features at every step, and checking and converting them (validation, row ids,
     * row normalisation, new arrays) cost milliseconds a step.
     */
    private synchronized int sparseFeatures(Map<String, INDArray> given, Map<String, INDArray> feed) {
        double[][] key = {given.get(Gcn.FEATURE_INDPTR).toDoubleVector(), given.get(Gcn.FEATURE_INDICES).toDoubleVector(),
                given.get(Gcn.FEATURE_VALUES).toDoubleVector()};
        if (cachedCsr == null || !Arrays.deepEquals(key, cachedCsr)) {
            Map<String, INDArray> prepared = new LinkedHashMap<>();
            cachedSparseRows = prepareSparse(given, prepared);
            cachedSparse = prepared;
            cachedCsr = key;
        }
        feed.putAll(cachedSparse);
        return cachedSparseRows;
    }

    private int prepareSparse(Map<String, INDArray> given, Map<String, INDArray> feed) {
        int[] indptr = ids(given.get(Gcn.FEATURE_INDPTR), Gcn.FEATURE_INDPTR);
        int[] indices = ids(given.get(Gcn.FEATURE_INDICES), Gcn.FEATURE_INDICES);
        INDArray values = given.get(Gcn.FEATURE_VALUES);
        if (indptr.length < 2) {
            throw new IllegalArgumentException("'" + Gcn.FEATURE_INDPTR + "' has " + indptr.length
                    + " entries but a graph of N nodes needs N+1 (N ≥ 1): pass the CSR row pointers");
        }
        // validates the CSR arrays (monotone pointers, columns in range) with one-sentence errors
        CsrFeatures csr = CsrFeatures.of(indptr.length - 1, config.inputFeatures(), indptr, indices, values.toFloatVector());
        INDArray rows = csr.rowIds();
        feed.put(Gcn.FEATURE_ROWS, rows);
        feed.put(Gcn.FEATURE_INDICES, Nd4j.createFromArray(indices));
        if (config.normalizeFeatures()) {
            // row sums from the given values in double (CsrFeatures keeps float32 copies)
            int[] rowOf = rows.toIntVector();
            double[] v = values.castTo(DataType.DOUBLE).data().asDouble();
            double[] sums = new double[csr.rows()];
            for (int k = 0; k < v.length; k++) {
                sums[rowOf[k]] += v[k];
            }
            double[] inverse = inverseRowSums(Nd4j.createFromArray(sums)).castTo(DataType.DOUBLE).data().asDouble();
            for (int k = 0; k < v.length; k++) {
                v[k] *= inverse[rowOf[k]];
            }
            values = Nd4j.createFromArray(v).castTo(type);
        }
        feed.put(Gcn.FEATURE_VALUES, values);
        return csr.rows();
    }

    /** Kipf's {@code 1 / rowsum} with an empty (zero-sum) row left at 0 instead of infinity. */
    private INDArray inverseRowSums(INDArray sums) {
        double[] s = sums.castTo(DataType.DOUBLE).data().asDouble();
        double[] inverse = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            inverse[i] = s[i] == 0 ? 0 : 1 / s[i];
        }
        return Nd4j.createFromArray(inverse).castTo(type).reshape(-1, 1);
    }

    private synchronized Map<String, INDArray> propagation(int n, int[] edges, double[] weights) {
        if (n == cachedNodes && Arrays.equals(edges, cachedEdges) && Arrays.equals(weights, cachedWeights)) {
            return cachedPropagation;
        }
        int e = edges.length / 2;
        int[] sources = new int[e];
        int[] targets = new int[e];
        for (int i = 0; i < e; i++) {
            sources[i] = edges[2 * i];
            targets[i] = edges[2 * i + 1];
        }
        NormalizedEdges normalized = GcnNorm.edges(n, sources, targets, weights, config.normSettings());
        Map<String, INDArray> result = config.propagation() == PropagationForm.DENSE
                ? Map.of(Gcn.ADJACENCY, normalized.toDense(type))
                : Map.of(Gcn.EDGE_SOURCE, normalized.sourceIndex(), Gcn.EDGE_TARGET, normalized.targetIndex(),
                        Gcn.EDGE_COEFFICIENT, normalized.coefficients(type));
        cachedNodes = n;
        cachedEdges = edges;
        cachedWeights = weights;
        cachedPropagation = result;
        return result;
    }

    /** Integer ids from an array ZooModel cast to the floating type; a fractional value is refused. */
    static int[] ids(INDArray a, String name) {
        double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + name + "' holds " + v[i] + " at position " + i
                        + " but must hold integer ids: pass an integer array");
            }
            ids[i] = (int) v[i];
        }
        return ids;
    }
}
