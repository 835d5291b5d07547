package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.LinkSplit;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.metrics.RankingMetric;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnLinkConfig;
import org.sdzoo.zoo.models.gcn.LinkDecoder;
import org.sdzoo.zoo.models.gcn.LinkPredictor;
import org.sdzoo.zoo.models.gcn.PropagationForm;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.LinkReconstructionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Link prediction on Cora as PyG's {@code examples/link_pred.py}: 85/5/10 edge split
 * ({@code LinkSplit}, seeded), a GCN encoder 1433 → 128 → 64 (ReLU between, row-normalised
 * features), pairs scored by the dot product of their embeddings ({@code {"decoder": "mlp"}} for
 * a learned decoder), binary cross-entropy on the training edges against as many non-edges sampled
 * afresh every epoch, Adam 0.01 for 200 epochs (GAE's budget; {@code link_pred.py} stops at 100);
 * validation ROC AUC after every epoch, test ROC AUC and average precision at the end, beside the
 * GAE paper's 91.0 / 92.0 (its model: 32 → 16, every node pair in the loss).
 */
public final class GcnLinkCoraExample implements Example<LinkPairData> {

    /** The example's name on the command line. */
    public static final String NAME = "gcn-link-cora";

    @Override
    public About about() {
        return new About(NAME, "GCN link prediction on Cora with fresh negatives every epoch (PyG's link_pred.py):"
                + " test ROC AUC and AP beside GAE's 91.0 / 92.0 (needs --data-dir or " + DataDirectory.ENV_VAR + ")",
                GcnLinkConfig.ARCHITECTURE, "no --data: Planetoid Cora under the data directory (--data-dir or "
                        + DataDirectory.ENV_VAR + ")");
    }

    @Override
    public Task task() {
        return LinkReconstructionTask.forPairs();
    }

    /** Adam 0.01 as link_pred.py, 200 epochs of one full-graph step each as GAE (link_pred.py: 100). */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).epochs(200).seed(1).monitor(RankingMetric.ROC_AUC).build();
    }

    /** The GAE paper's numbers are means over 10 random splits and initialisations. */
    @Override
    public java.util.Optional<org.sdzoo.examples.Protocol> protocol() {
        return java.util.Optional.of(new org.sdzoo.examples.Protocol(10, "test_roc_auc", GaeCoraExample.PAPER_AUC,
                "Kipf & Welling 2016 (Variational Graph Auto-Encoders), table 1, GAE on Cora: mean of 10 runs"));
    }

    @Override
    public LinkPairData data(DataSource source) throws IOException {
        GraphData cora = GcnPlanetoidExample.load(Planetoid.Name.CORA, source, NAME);
        LinkSplit split = LinkSplit.split(cora, source.seed());
        return new LinkPairData(split, encoder(cora), source.seed(), "Planetoid Cora, " + split, List.of());
    }

    @Override
    public ModelConfig config(LinkPairData data, Path configFile) throws IOException {
        GcnLinkConfig base = new GcnLinkConfig(data.config(), LinkDecoder.DOT, null);
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    /** link_pred.py's encoder: 128 → 64, ReLU between, no dropout, row-normalised features. */
    static GcnConfig encoder(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).hiddenSizes(List.of(128)).numClasses(64)
                .dropout(0).inputDropout(false).normalizeFeatures(true).sparseFeatures(true)
                .propagation(PropagationForm.EDGE_LIST).build();
    }

    /** The batches follow the model's encoder (a --config may change it). */
    @Override
    public LinkPairData forConfig(LinkPairData data, ModelConfig config) {
        GcnConfig encoder = ((GcnLinkConfig) config).encoder();
        return new LinkPairData(data.split(), encoder, data.seed(), data.description(), data.files());
    }

    @Override
    public ZooModel model(ModelConfig config, LinkPairData data) {
        return LinkPredictor.create((GcnLinkConfig) config, data.seed());
    }

    /** The loss and validation AUC per epoch, the test ROC AUC and AP (percent) beside GAE's. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, LinkPairData data, RunContext run) {
        Map<String, Double> test = Evaluator.evaluate(trained, task(), data.evaluation());
        Map<String, Double> validation = Evaluator.evaluate(trained, task(), data.validation());
        List<Double> curve = training.history().stream().map(r -> 100 * r.value("val_" + RankingMetric.ROC_AUC))
                .toList();
        GcnLinkConfig c = (GcnLinkConfig) trained.config();
        return new ResultTable("GCN link prediction on Cora (" + c.decoder().jsonName() + " decoder), seed " + run.seed())
                .perEpoch("losses", "training loss (binary cross-entropy, fresh negatives)", ExampleRunner.losses(training))
                .perEpoch("val_roc_auc_per_epoch", "validation ROC AUC %", curve)
                .header("test %", "GAE, Kipf & Welling 2016, table 1")
                .row("test_roc_auc", 100 * test.get(RankingMetric.ROC_AUC), GaeCoraExample.PAPER_AUC)
                .row("test_average_precision", 100 * test.get(RankingMetric.AVERAGE_PRECISION), GaeCoraExample.PAPER_AP)
                .row("val_roc_auc", 100 * validation.get(RankingMetric.ROC_AUC), null)
                .note("Test pairs: " + data.split() + ". The reference is the GAE paper's (encoder 32 → 16, every node"
                        + " pair in the loss, mean of 10 runs); this model is PyG's link_pred.py's.")
                .fact("decoder", c.decoder().jsonName());
    }
}
