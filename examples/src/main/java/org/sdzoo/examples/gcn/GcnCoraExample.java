package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.datasets.graph.RandomGraph;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.PropagationForm;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Kipf and Welling (2017), table 2: a two-layer GCN on Planetoid Cora (140 labelled nodes, 1000
 * test nodes) read from the data directory, scored by test accuracy beside the paper's 81.5.
 */
public final class GcnCoraExample extends GcnNodeExample {

    /** The example's name on the command line. */
    public static final String NAME = "gcn-cora";
    /** Kipf and Welling's test accuracy on Cora, in percent (table 2). */
    static final double PAPER_ACCURACY = 81.5;

    @Override
    public About about() {
        return new About(NAME, "Kipf & Welling's GCN on Planetoid Cora (needs --data-dir or " + DataDirectory.ENV_VAR
                + "), test accuracy beside the paper's 81.5", GcnConfig.ARCHITECTURE,
                "no --data: Planetoid Cora's raw files under the data directory (--data-dir or "
                        + DataDirectory.ENV_VAR + ")");
    }

    @Override
    public Task task() {
        return new MaskedClassificationTask(7);
    }

    /**
     * Kipf's settings: Adam 0.01, at most 200 full-batch epochs, weight decay 5e-4 on the first layer's weight
     * only, early stopping when the validation loss has not improved for 10 epochs (Kipf's window compares with
     * the mean of the last 10; this is the trainer's patience rule).
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).weightDecay(5e-4).weightDecayParameters(java.util.regex.Pattern.quote(Gcn.weightName(0)))
                .epochs(200).monitor("val_loss").patience(10).seed(1).build();
    }

    @Override
    public NodeSplitData data(DataSource source) throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException("gcn-cora reads Cora from the data directory: drop --data and give"
                    + " --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null);
        Path folder = Planetoid.folder(Planetoid.Name.CORA, dir);
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Cora is not in " + folder + ": put Planetoid's raw ind.cora.* files"
                    + " there or point --data-dir / " + DataDirectory.ENV_VAR + " at a directory that has them");
        }
        GraphData cora = Planetoid.load(Planetoid.Name.CORA, dir);
        return new NodeSplitData(cora, baseConfig(cora), source.seed(), "Planetoid Cora, public split",
                Planetoid.sourceFiles(Planetoid.Name.CORA, dir));
    }

    /** Kipf's GCN (hidden 16, dropout 0.5) with sparse features and edge-list propagation, Cora's fastest form. */
    @Override
    GcnConfig baseConfig(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses())
                .sparseFeatures(true).propagation(PropagationForm.EDGE_LIST).build();
    }

    /** The loss per epoch and the test accuracy (percent) beside the paper's. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, NodeSplitData data, RunContext run) {
        double accuracy = 100 * Evaluator.evaluate(trained, task(), data.evaluation()).get("accuracy");
        return new ResultTable("GCN on Cora (Kipf & Welling 2017), seed " + run.seed())
                .perEpoch("losses", "training loss (masked cross-entropy)", ExampleRunner.losses(training))
                .header("test accuracy %", "Kipf & Welling, table 2")
                .row("test_accuracy", accuracy, PAPER_ACCURACY)
                .note("The paper averages 100 random initialisations; here one seed, early stopping on the validation loss (patience 10).");
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
                variant("dense", cora + ", dense P and features", seed, PropagationForm.DENSE, false, "dense", 81),
                variant("edge-list", cora + ", edge list, dense features", seed, PropagationForm.EDGE_LIST, false,
                        "sparse_adj", 29),
                variant("edge-list+csr", cora + ", edge list, CSR features", seed, PropagationForm.EDGE_LIST, true,
                        "sparse_all", 10),
                new BenchSpec.Variant("large", "random graph: " + LARGE_NODES + " nodes, " + 2 * LARGE_PAIRS
                        + " directed edges, " + LARGE_FEATURES + " dense features, hidden 16, 7 classes, edge list,"
                        + " float32; one step = one epoch", () -> subject(RandomGraph.of("random graph, 100k nodes",
                        LARGE_NODES, LARGE_PAIRS, LARGE_FEATURES, LARGE_FEATURES, 7, seed), seed,
                        PropagationForm.EDGE_LIST, false), null, 1))));
    }

    /** @param recordedTrainMs PyTorch's step recorded for DESIGN.md on the development machine (2 threads) */
    private BenchSpec.Variant variant(String name, String shape, long seed, PropagationForm form,
                                             boolean csr, String torchForm, double recordedTrainMs) {
        return new BenchSpec.Variant(name, shape, () -> subject(RandomGraph.coraShaped(seed), seed, form, csr),
                new BenchSpec.TorchBench(TORCH_SCRIPT, "train_step_ms_" + torchForm, "forward_ms_" + torchForm,
                        recordedTrainMs, Double.NaN, "Cora, 2 threads, DESIGN.md; forward not recorded"), 0);
    }

    private BenchSpec.Subject subject(GraphData graph, long seed, PropagationForm form, boolean csr) {
        GcnConfig config = baseConfig(graph).toBuilder().propagation(form).sparseFeatures(csr).build();
        NodeSplitData data = new NodeSplitData(graph, config, seed, graph.name(), List.of());
        return new BenchSpec.Subject(Gcn.create(config, seed), data.train(seed).next());
    }

    /** The paper's number is a mean over random initialisations: 10 seeds. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(10, "test_accuracy", PAPER_ACCURACY,
                "Kipf & Welling 2017, table 2 (mean of 100 runs with random weight initialisations)"));
    }
}
