package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sdzoo.datasets.graph.GraphCsv;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.NodeSplit;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * {@code sdzoo train gcn --data-dir DIR}: Kipf's GCN on the user's own graph in three CSV files
 * (see {@link #FORMAT} and {@link GraphCsv}), node classification with train / validation / test
 * masks from the label file's {@code split} column, else a seeded random split stratified by
 * class ({@value #VAL_FRACTION} validation, {@value #TEST_FRACTION} test, the rest training;
 * {@code --seed} picks it). It is the example {@code sdzoo train gcn}, {@code evaluate} and
 * {@code fine-tune} use for GCN models.
 */
public final class GcnGraphExample extends GcnNodeExample {

    /** The example's name: the architecture's, so {@code sdzoo train gcn} finds it first. */
    public static final String NAME = GcnConfig.ARCHITECTURE;
    /** The edge list in the data directory (required). */
    public static final String EDGES = "edges.csv";
    /** The node features in the data directory (optional: one-hot node ids without it). */
    public static final String FEATURES = "features.csv";
    /** The labels (and split) in the data directory (required to train or evaluate). */
    public static final String LABELS = "labels.csv";
    /** The share of each class held out for validation when the labels have no split column. */
    public static final double VAL_FRACTION = 0.2;
    /** The share of each class held out for test when the labels have no split column. */
    public static final double TEST_FRACTION = 0.2;

    /** The user format, for --help, errors and the docs page. */
    public static final String FORMAT = "--data-dir DIR (or --data DIR/" + EDGES + ") holding " + EDGES
            + " (header source,target[,weight]: one edge per row, node ids 0..N-1; each edge is also added in reverse),"
            + " optionally " + FEATURES + " (header node,<feature>,...: one row per node; without it the features are"
            + " one-hot node ids) and " + LABELS + " (header node,label[,split]: label 0..C-1 or -1 for unlabelled; split"
            + " train, val, test or empty; without a split column a random split stratified by class, 60/20/20,"
            + " seeded by --seed)";

    @Override
    public About about() {
        return new About(NAME, "GCN on your graph (edges.csv, features.csv, labels.csv in --data-dir):"
                + " node classification, test accuracy", GcnConfig.ARCHITECTURE, FORMAT);
    }

    /** The class count is the graph's, which the model built for it carries. */
    @Override
    public Task task() {
        return MaskedClassificationTask.ofModelClasses();
    }

    /** Kipf's settings: Adam 0.01, 200 epochs, weight decay 5e-4 on the first layer, early stopping on val_loss. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).weightDecay(5e-4)
                .weightDecayParameters(java.util.regex.Pattern.quote(Gcn.weightName(0)))
                .epochs(200).monitor("val_loss").patience(10).seed(1).build();
    }

    /**
     * Reads the graph from {@code --data} (its edge-list CSV, the other files beside it) or else
     * from the data directory.
     */
    @Override
    public NodeSplitData data(DataSource source) throws IOException {
        if (!source.x().isEmpty() || source.y() != null) {
            throw new IllegalArgumentException("a graph has no --x or --y columns: drop them and give " + FORMAT);
        }
        Path dir = source.isUserData() ? source.file().toAbsolutePath().getParent() : source.dataDir();
        Path edges = source.isUserData() ? source.file() : dir == null ? null : dir.resolve(EDGES);
        if (edges == null || !Files.isRegularFile(edges)) {
            throw new IllegalArgumentException("there is no " + EDGES + " in " + dir + ": give " + FORMAT);
        }
        Path features = optional(dir.resolve(FEATURES));
        Path labels = optional(dir.resolve(LABELS));
        if (labels == null) {
            throw new IllegalArgumentException("there is no " + LABELS + " beside " + edges + ": a GCN learns node"
                    + " classes from it (header node,label[,split])");
        }
        GraphData graph = GraphCsv.read(dir.getFileName() == null ? "graph" : dir.getFileName().toString(), edges,
                features, labels, true);
        String splitFrom = LABELS + "'s split column";
        if (graph.split().isEmpty()) {
            graph = graph.toBuilder().split(NodeSplit.random(graph.labelArray(), VAL_FRACTION, TEST_FRACTION,
                    source.seed())).build();
            splitFrom = "a random split stratified by class, seed " + source.seed();
        }
        List<Path> files = new ArrayList<>(List.of(edges, labels));
        if (features != null) {
            files.add(1, features);
        }
        return new NodeSplitData(graph, baseConfig(graph), source.seed(), graph.name() + " (" + graph.numNodes()
                + " nodes, " + graph.numClasses() + " classes, " + graph.split().orElseThrow() + " from " + splitFrom
                + ")", List.copyOf(files));
    }

    private static Path optional(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    /** Kipf's GCN sized for the graph; CSR features when the graph's are stored sparse (one-hot ids, bag of words). */
    @Override
    GcnConfig baseConfig(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses())
                .sparseFeatures(graph.features() instanceof org.sdzoo.datasets.graph.CsrFeatures).build();
    }

    /** The loss per epoch, and the accuracy and macro F1 on the test nodes. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, NodeSplitData data, RunContext run) {
        var metrics = Evaluator.evaluate(trained, task(), data.evaluation());
        return new ResultTable("GCN on " + data.description() + ", seed " + run.seed())
                .perEpoch("losses", "training loss (masked cross-entropy)", ExampleRunner.losses(training))
                .value("test_accuracy", "accuracy on the test nodes", metrics.get("accuracy"))
                .value("test_macro_f1", "macro F1 on the test nodes", metrics.get("macro_f1"))
                .note("No published reference: the graph is yours.");
    }
}
