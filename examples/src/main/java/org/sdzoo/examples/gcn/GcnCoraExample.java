package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
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
public final class GcnCoraExample implements Example<NodeSplitData> {

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
        return new NodeSplitData(cora, config(cora), source.seed(), "Planetoid Cora, public split",
                Planetoid.sourceFiles(Planetoid.Name.CORA, dir));
    }

    @Override
    public ModelConfig config(NodeSplitData data, Path configFile) throws IOException {
        GcnConfig base = config(data.graph());
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    /** Kipf's GCN (hidden 16, dropout 0.5) with sparse features and edge-list propagation, Cora's fastest form. */
    static GcnConfig config(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses())
                .sparseFeatures(true).propagation(PropagationForm.EDGE_LIST).build();
    }

    /** The batches carry the features in the form the model takes (dense or CSR). */
    @Override
    public NodeSplitData forConfig(NodeSplitData data, ModelConfig config) {
        return data.withConfig((GcnConfig) config);
    }

    @Override
    public ZooModel model(ModelConfig config, NodeSplitData data) {
        return Gcn.create((GcnConfig) config, data.seed());
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

    /** The paper's number is a mean over random initialisations: 10 seeds. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(10, "test_accuracy", PAPER_ACCURACY,
                "Kipf & Welling 2017, table 2 (mean of 100 runs with random weight initialisations)"));
    }
}
