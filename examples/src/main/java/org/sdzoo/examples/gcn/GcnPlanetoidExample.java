package org.sdzoo.examples.gcn;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;
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
import org.sdzoo.zoo.train.StopRule;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Kipf and Welling (2017), table 2: a two-layer GCN on one Planetoid citation graph (its public
 * split: 20 labelled nodes per class, 500 validation and 1000 test nodes) read from the data
 * directory, scored by test accuracy beside the paper's figure. One class per data set
 * ({@link GcnCoraExample}, {@link GcnCiteseerExample}, {@link GcnPubmedExample}) names the graph
 * and the paper's number; the protocol is the same for all three.
 */
public abstract class GcnPlanetoidExample extends GcnNodeExample {

    private final Planetoid.Name dataset;
    private final double paperAccuracy;

    /**
     * @param dataset       the citation graph
     * @param paperAccuracy Kipf and Welling's test accuracy on it, in percent (table 2)
     */
    protected GcnPlanetoidExample(Planetoid.Name dataset, double paperAccuracy) {
        this.dataset = dataset;
        this.paperAccuracy = paperAccuracy;
    }

    /** @return the citation graph this example trains on */
    public Planetoid.Name dataset() {
        return dataset;
    }

    /** @return Kipf and Welling's test accuracy on it, in percent */
    public double paperAccuracy() {
        return paperAccuracy;
    }

    @Override
    public About about() {
        String graph = dataset.displayName();
        return new About("gcn-" + dataset.folder(), "Kipf & Welling's GCN on Planetoid " + graph + " (needs --data-dir or "
                + DataDirectory.ENV_VAR + "), test accuracy beside the paper's " + paperAccuracy, GcnConfig.ARCHITECTURE,
                "no --data: Planetoid " + graph + " under the data directory (--data-dir or " + DataDirectory.ENV_VAR + ")");
    }

    @Override
    public Task task() {
        return new MaskedClassificationTask(dataset.numClasses());
    }

    /**
     * Kipf's settings (tkipf/gcn {@code train.py}): Adam 0.01, at most 200 full-batch epochs, weight
     * decay 5e-4 on the first layer's weight only, and Kipf's early stopping: after epoch 11, stop
     * as soon as the validation loss is above the mean of the 10 epochs before it; the model of
     * the last epoch is tested. (Kipf's validation loss also holds the weight-decay term, here it
     * is the cross-entropy alone.)
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).weightDecay(5e-4).weightDecayParameters(Pattern.quote(Gcn.weightName(0)))
                .epochs(200).monitor("val_loss").patience(10).stopRule(StopRule.WORSE_THAN_WINDOW_MEAN).seed(1).build();
    }

    /**
     * @throws FileNotFoundException when the graph or its features are not in the data directory,
     *                               naming the folder and the files (PubMed here: its features)
     */
    @Override
    public NodeSplitData data(DataSource source) throws IOException {
        GraphData graph = load(dataset, source, name());
        return new NodeSplitData(graph, baseConfig(graph), source.seed(), "Planetoid " + dataset.displayName()
                + ", public split", Planetoid.sourceFiles(dataset, dataDir(source)));
    }

    /**
     * Reads a Planetoid graph from the data directory of {@code source} (the user's {@code --data-dir}, else
     * {@code SDZOO_DATA_DIR}, else the default).
     *
     * @param example the example's name, for the message when the user gave {@code --data}
     * @throws FileNotFoundException when the graph or its features are missing, naming the folder and the files
     */
    static GraphData load(Planetoid.Name dataset, DataSource source, String example) throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException(example + " reads " + dataset.displayName() + " from the data directory:"
                    + " drop --data and give --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = dataDir(source);
        Path folder = Planetoid.folder(dataset, dir);
        if (!Files.isDirectory(folder) && !Files.isDirectory(dir.resolve("planetoid").resolve("raw"))) {
            throw new FileNotFoundException(dataset.displayName() + " is not in " + folder + ": run 'sdzoo download "
                    + dataset.folder() + " --data-dir " + dir + "' on a networked machine, put Planetoid's files there,"
                    + " or point --data-dir / " + DataDirectory.ENV_VAR + " at a directory that has them");
        }
        return Planetoid.load(dataset, dir);
    }

    /** @return the user's {@code --data-dir}, else {@code SDZOO_DATA_DIR}, else the default */
    static Path dataDir(DataSource source) {
        return source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null);
    }

    /**
     * Kipf's GCN as tkipf/gcn builds it (hidden 16, dropout 0.5 on the input features and the hidden
     * layer, Glorot weights, no bias: its {@code GraphConvolution} defaults to {@code bias=False},
     * row-normalised features) with sparse features and edge-list propagation, the fastest form here.
     */
    @Override
    GcnConfig baseConfig(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses()).bias(false)
                .sparseFeatures(true).propagation(PropagationForm.EDGE_LIST).build();
    }

    /** The loss per epoch and the test accuracy (percent) beside the paper's. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, NodeSplitData data, RunContext run) {
        double accuracy = 100 * Evaluator.evaluate(trained, task(), data.evaluation()).get("accuracy");
        return new ResultTable("GCN on " + dataset.displayName() + " (Kipf & Welling 2017), seed " + run.seed())
                .perEpoch("losses", "training loss (masked cross-entropy)", ExampleRunner.losses(training))
                .header("test accuracy %", "Kipf & Welling, table 2")
                .row("test_accuracy", accuracy, paperAccuracy)
                .note("The paper averages 100 random initialisations; here one seed, Kipf's early stopping on the"
                        + " validation loss (window 10).");
    }

    /** The paper's number is a mean over random initialisations: 10 seeds. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(10, "test_accuracy", paperAccuracy,
                "Kipf & Welling 2017, table 2 (mean of 100 runs with random weight initialisations)"));
    }
}
