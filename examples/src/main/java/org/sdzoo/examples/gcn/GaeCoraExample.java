package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.LinkSplit;
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
import org.sdzoo.zoo.metrics.RankingMetric;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GraphAutoencoder;
import org.sdzoo.zoo.models.gcn.PropagationForm;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.LinkReconstructionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Kipf and Welling's graph autoencoder (2016, tkipf/gae {@code gcn_ae}) on Cora: 85/5/10 edge
 * split ({@code LinkSplit}, seeded), a GCN encoder 1433 → 32 → 16 (ReLU between, no bias, no
 * dropout, raw features), the inner-product decoder over every node pair, gae's weighted
 * reconstruction loss ({@code LinkReconstructionTask}), Adam 0.01 for 200 epochs; test ROC AUC
 * and average precision on the held-out edges against as many sampled non-edges, beside the
 * paper's 91.0 and 92.0.
 */
public final class GaeCoraExample implements Example<LinkSplitData> {

    /** The example's name on the command line. */
    public static final String NAME = "gae-cora";
    /** Kipf and Welling (2016), table 1, GAE on Cora, in percent. */
    static final double PAPER_AUC = 91.0;
    /** See {@link #PAPER_AUC}. */
    static final double PAPER_AP = 92.0;
    /** Cora's adjacency entries (5278 undirected edges, both directions, no self loops). */
    static final int CORA_ENTRIES = 10556;

    @Override
    public About about() {
        return new About(NAME, "Graph autoencoder (tkipf/gae) on Cora's edges: test ROC AUC and AP beside the paper's"
                + " 91.0 / 92.0 (needs --data-dir or " + DataDirectory.ENV_VAR + ")", GcnConfig.ARCHITECTURE,
                "no --data: Planetoid Cora under the data directory (--data-dir or " + DataDirectory.ENV_VAR + ")");
    }

    /**
     * gae's weights for Cora's training adjacency: {@code posWeight = (N² − E) / E} and
     * {@code norm = N² / (2 (N² − E))} with E the entries left after holding out 5% + 10% of the
     * undirected edges ({@link #data} checks the split has exactly these).
     */
    @Override
    public Task task() {
        return LinkReconstructionTask.forAdjacency(Planetoid.Name.CORA.numNodes(), trainEntries(CORA_ENTRIES));
    }

    /** @return the training adjacency's entries after {@code LinkSplit}'s 5% / 10% hold-out of {@code entries / 2} edges */
    static long trainEntries(int entries) {
        int edges = entries / 2;
        return 2L * (edges - (int) Math.floor(edges * 0.10) - (int) Math.floor(edges * 0.05));
    }

    /** gae's settings: Adam 0.01, 200 full-batch epochs, no weight decay, no early stopping. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).epochs(200).seed(1).build();
    }

    @Override
    public LinkSplitData data(DataSource source) throws IOException {
        GraphData cora = GcnPlanetoidExample.load(Planetoid.Name.CORA, source, NAME);
        LinkSplit split = LinkSplit.split(cora, source.seed());
        if (split.trainGraph().numEdges() != trainEntries(CORA_ENTRIES)) {
            throw new IllegalStateException("Cora's training graph has " + split.trainGraph().numEdges()
                    + " adjacency entries but gae's loss weights assume " + trainEntries(CORA_ENTRIES)
                    + ": the Cora files differ from Planetoid's");
        }
        return new LinkSplitData(split, config(cora), source.seed(), "Planetoid Cora, " + split, List.of());
    }

    @Override
    public ModelConfig config(LinkSplitData data, Path configFile) throws IOException {
        GcnConfig base = data.config();
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    /** gae's encoder: 32 → 16, ReLU between, no bias, no dropout, raw (not row-normalised) features. */
    static GcnConfig config(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).hiddenSizes(List.of(32)).numClasses(16)
                .dropout(0).inputDropout(false).bias(false).normalizeFeatures(false).sparseFeatures(true)
                .propagation(PropagationForm.EDGE_LIST).build();
    }

    @Override
    public ZooModel model(ModelConfig config, LinkSplitData data) {
        return GraphAutoencoder.create((GcnConfig) config, data.seed());
    }

    /** The loss per epoch and the test ROC AUC and AP (percent) beside the paper's. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, LinkSplitData data, RunContext run) {
        var test = Evaluator.evaluate(trained, task(), data.evaluation());
        var validation = Evaluator.evaluate(trained, task(), data.heldOutValidation());
        return new ResultTable("GAE on Cora (Kipf & Welling 2016), seed " + run.seed())
                .perEpoch("losses", "training loss (gae's weighted reconstruction)", ExampleRunner.losses(training))
                .header("test %", "Kipf & Welling 2016, table 1")
                .row("test_roc_auc", 100 * test.get(RankingMetric.ROC_AUC), PAPER_AUC)
                .row("test_average_precision", 100 * test.get(RankingMetric.AVERAGE_PRECISION), PAPER_AP)
                .row("val_roc_auc", 100 * validation.get(RankingMetric.ROC_AUC), null)
                .row("val_average_precision", 100 * validation.get(RankingMetric.AVERAGE_PRECISION), null)
                .note("Test pairs: " + data.split() + "; the paper reports the mean of 10 runs with random splits and"
                        + " initialisations.");
    }

    /** The paper's numbers are means over 10 random splits and initialisations. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(10, "test_roc_auc", PAPER_AUC,
                "Kipf & Welling 2016 (Variational Graph Auto-Encoders), table 1, GAE on Cora: mean of 10 runs"));
    }
}
