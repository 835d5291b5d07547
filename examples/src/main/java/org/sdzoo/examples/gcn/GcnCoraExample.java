package org.sdzoo.examples.gcn;

import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.datasets.graph.RandomGraph;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.PropagationForm;

/** Kipf and Welling's GCN on Planetoid Cora: test accuracy beside the paper's 81.5 (table 2). */
public final class GcnCoraExample extends GcnPlanetoidExample {

    /** The example's name on the command line. */
    public static final String NAME = "gcn-cora";
    /** Kipf and Welling's test accuracy on Cora, in percent. */
    static final double PAPER_ACCURACY = 81.5;

    /** Cora with Kipf's protocol. */
    public GcnCoraExample() {
        super(Planetoid.Name.CORA, PAPER_ACCURACY);
    }

    /** The PyTorch peer of {@link #bench}: the same three forms on the same shapes. */
    static final String TORCH_SCRIPT = "/org/sdzoo/examples/bench/gcn_torch.py";
    /** The large graph of the scale target: nodes, undirected pairs (twice as many edges), features. */
    static final int LARGE_NODES = 100_000;
    static final int LARGE_PAIRS = 500_000;
    static final int LARGE_FEATURES = 64;

    /**
     * Kipf's GCN training step and forward pass on a random graph of Cora's shapes
     * ({@link RandomGraph#coraShaped}, so no data is needed) in three forms, beside PyTorch's
     * ({@value #TORCH_SCRIPT}): {@code dense} (P [N, N], dense features), {@code edge-list}
     * (dense features) and {@code edge-list+csr} (CSR features, this example's form); then
     * {@code large}: one full-batch step (an epoch) on a random graph of 100k nodes, 1M edges and 64
     * dense features, edge-list form, with its peak memory (no PyTorch peer).
     */
    @Override
    public Optional<BenchSpec> bench(long seed) {
        String cora = "random graph of Cora's shapes: 2708 nodes, 1433 features (18 nonzeros a row), hidden 16,"
                + " 7 classes, float32";
        return Optional.of(new BenchSpec(List.of(
                variant("dense", cora + ", dense P and features", seed, PropagationForm.DENSE, false, "dense", 138.3, 10.1),
                variant("edge-list", cora + ", edge list, dense features", seed, PropagationForm.EDGE_LIST, false,
                        "sparse_adj", 128.7, 2.92),
                variant("edge-list+csr", cora + ", edge list, CSR features", seed, PropagationForm.EDGE_LIST, true,
                        "sparse_all", 5.81, 1.79),
                new BenchSpec.Variant("large", "random graph: " + LARGE_NODES + " nodes, " + 2 * LARGE_PAIRS
                        + " directed edges, " + LARGE_FEATURES + " dense features, hidden 16, 7 classes, edge list,"
                        + " float32; one step = one epoch", () -> subject(RandomGraph.of("random graph, 100k nodes",
                        LARGE_NODES, LARGE_PAIRS, LARGE_FEATURES, LARGE_FEATURES, 7, seed), seed,
                        PropagationForm.EDGE_LIST, false), null, 1))));
    }

    /**
     * @param recordedTrainMs   PyTorch's step in the last quiet {@code bench --all} on the development machine
     * @param recordedForwardMs its forward pass there
     */
    private BenchSpec.Variant variant(String name, String shape, long seed, PropagationForm form,
                                             boolean csr, String torchForm, double recordedTrainMs,
                                             double recordedForwardMs) {
        return new BenchSpec.Variant(name, shape, () -> subject(RandomGraph.coraShaped(seed), seed, form, csr),
                new BenchSpec.TorchBench(TORCH_SCRIPT, "train_step_ms_" + torchForm, "forward_ms_" + torchForm,
                        recordedTrainMs, recordedForwardMs, "Cora, " + BenchSpec.TorchBench.LAST_QUIET_LAUNCH,
                        // only this form: the dense one takes minutes, and --variant asks for one
                        List.of(torchForm)), 0);
    }

    private BenchSpec.Subject subject(GraphData graph, long seed, PropagationForm form, boolean csr) {
        GcnConfig config = baseConfig(graph).toBuilder().propagation(form).sparseFeatures(csr).build();
        NodeSplitData data = new NodeSplitData(graph, config, seed, graph.name(), List.of());
        return new BenchSpec.Subject(Gcn.create(config, seed), data.train(seed).next());
    }
}
