package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphCollection;
import org.sdzoo.datasets.graph.StratifiedKFold;
import org.sdzoo.datasets.graph.TuDataset;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnGraphConfig;
import org.sdzoo.zoo.models.gcn.GraphClassifier;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Schedule;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * GCN graph classification on MUTAG (188 molecules, mutagenic or not) with 10-fold stratified
 * cross-validation, beside the GIN paper's GCN baseline (Xu et al. 2019, table 1: 85.6 ± 5.8).
 * A run with seed {@code s} trains and tests fold {@code s mod 10} of one fixed stratified split
 * ({@link #FOLD_SEED}), its weights drawn from {@code s}: {@code sdzoo reproduce gcn-mutag} runs
 * seeds 0 .. 9, that is every fold once, and reports mean ± std over the folds.
 *
 * <p>Model, as the GIN paper's GCN baseline: four GCN layers of 32 (the paper's hidden size for
 * the bioinformatics sets is 16 or 32; its code's default, 64, is {@code --config}), each followed
 * by a ReLU; the input features and every layer's node states summed per graph, each through its
 * own linear layer and dropout 0.5, the scores summed ({@link GcnGraphConfig#layerReadouts()});
 * Adam 0.01 halved every 50 epochs, 350 epochs of 50 batches of 32 graphs drawn at random from the
 * fold's 169 or 170 training graphs (the GIN code's sampling), each batch padded to one shape
 * ({@link GraphFoldData}). The paper's GCN also batch-normalises each layer: {@code --config} with
 * {@code {"batchNorm": true}}, which the padded batches support through a node mask. Each run
 * reports its final epoch's test accuracy and the test fold's accuracy after every epoch;
 * {@code reproduce} gives the mean over the folds at the final epoch and, as the paper does, at
 * the epoch whose mean test accuracy over the folds is best.
 */
public final class GcnMutagExample implements Example<GraphFoldData> {

    /** The example's name on the command line. */
    public static final String NAME = "gcn-mutag";
    /** The GIN paper's GCN on MUTAG, mean test accuracy over 10 folds, in percent. */
    static final double PAPER_ACCURACY = 85.6;
    /** The folds' standard deviation the GIN paper reports. */
    static final double PAPER_STD = 5.8;
    /** The GCN layers' width: the GIN paper's larger choice for the bioinformatics sets (16 or 32). */
    static final int HIDDEN = 32;
    /** The cross-validation's folds. */
    static final int FOLDS = 10;
    /** The result series of the test fold's accuracy after every epoch. */
    static final String TEST_CURVE = "test_accuracy_per_epoch";
    /** The seed of the one stratified split every run shares. */
    static final long FOLD_SEED = 0;
    /** Graphs per training batch, the GIN code's {@code batch_size}. */
    static final int BATCH_SIZE = 32;
    /** Batches per epoch, the GIN code's {@code iters_per_epoch}. */
    static final int ITERATIONS = 50;

    @Override
    public About about() {
        return new About(NAME, "GCN graph classification on MUTAG, one fold of 10 per seed (reproduce: all 10),"
                + " beside the GIN paper's 85.6 ± 5.8", GcnGraphConfig.ARCHITECTURE,
                "no --data: MUTAG under the data directory (--data-dir or " + DataDirectory.ENV_VAR + ", downloaded if missing)");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("batch-size");
    }

    /** Classification of the graphs whose labels mask is 1: a padded batch's padding graph is left out. */
    @Override
    public Task task() {
        return new MaskedClassificationTask(2);
    }

    /**
     * Adam 0.01 halved every 50 epochs, 350 epochs, seed 0 (fold 0): the GIN paper's.
     * The monitor is the training loss: the validation data is the test fold ({@link GraphFoldData#validation()}),
     * which must not choose {@code best.sdz}.
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).schedule(Schedule.STEP).stepEpochs(50).stepGamma(0.5)
                .epochs(350).monitor(Task.LOSS).seed(0).build();
    }

    @Override
    public GraphFoldData data(DataSource source) throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException(NAME + " reads MUTAG from the data directory: drop --data and give"
                    + " --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null);
        GraphCollection mutag = TuDataset.mutag(dir);
        List<StratifiedKFold.Fold> folds = StratifiedKFold.split(mutag.labels(), FOLDS, FOLD_SEED);
        StratifiedKFold.Fold fold = folds.get((int) Math.floorMod(source.seed(), (long) FOLDS));
        int batch = source.positiveOption("batch-size", BATCH_SIZE);
        boolean full = batch >= fold.train().length;
        return new GraphFoldData(mutag, fold, config(mutag), source.seed(), full ? 0 : batch, ITERATIONS,
                "MUTAG, fold " + fold.index() + " of " + FOLDS + " (" + fold.train().length + " train, "
                        + fold.test().length + " test graphs; " + (full ? "full batch" : ITERATIONS + " batches of " + batch
                        + " an epoch") + ")", List.of());
    }

    @Override
    public ModelConfig config(GraphFoldData data, Path configFile) throws IOException {
        GcnGraphConfig base = data.config();
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    /**
     * Four GCN layers of 32 over one-hot atom types, a sum readout of every layer, dropout 0.5 on
     * each one's scores; no batch normalisation (see the class comment).
     */
    static GcnGraphConfig config(GraphCollection graphs) {
        GcnConfig encoder = GcnConfig.builder().inputFeatures(graphs.numNodeFeatures()).hiddenSizes(List.of(HIDDEN, HIDDEN, HIDDEN))
                .numClasses(HIDDEN).dropout(0).inputDropout(false).normalizeFeatures(false).build();
        return new GcnGraphConfig(encoder, Readout.SUM, 0.5, graphs.numClasses(), true, false);
    }

    /** The batches are made for the model's config: a --config or a loaded model's batch normalisation counts. */
    @Override
    public GraphFoldData forConfig(GraphFoldData data, ModelConfig config) {
        return data.withConfig((GcnGraphConfig) config);
    }

    @Override
    public ZooModel model(ModelConfig config, GraphFoldData data) {
        return GraphClassifier.create((GcnGraphConfig) config, data.seed());
    }

    /** The loss per epoch and the fold's test accuracy (percent) beside the paper's mean over folds. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, GraphFoldData data, RunContext run) {
        double accuracy = 100 * Evaluator.evaluate(trained, task(), data.evaluation()).get("accuracy");
        List<Double> curve = training.history().stream().map(r -> 100 * r.value("val_accuracy")).toList();
        return new ResultTable("GCN on MUTAG, " + data.description() + ", seed " + run.seed())
                .perEpoch("losses", "training loss (cross-entropy over the fold's training graphs)",
                        ExampleRunner.losses(training))
                .perEpoch(TEST_CURVE, "test-fold accuracy % after the epoch (the GIN paper's curve)", curve)
                .header("test accuracy %", "GIN paper, GCN (mean of 10 folds)")
                .row("test_accuracy", accuracy, PAPER_ACCURACY)
                .fact("fold", data.fold().index())
                .note("One fold; 'sdzoo reproduce gcn-mutag' runs all " + FOLDS + " (the paper: " + PAPER_ACCURACY
                        + " ± " + PAPER_STD + ").");
    }

    /** The GIN paper's protocol: 10-fold cross-validation, seeds 0 .. 9 being folds 0 .. 9. */
    @Override
    public Optional<Protocol> protocol() {
        return Optional.of(new Protocol(FOLDS, "test_accuracy", PAPER_ACCURACY, "Xu et al. 2019 (GIN), table 1: GCN"
                + " on MUTAG, 10-fold cross-validation, " + PAPER_ACCURACY + " ± " + PAPER_STD
                + " at the epoch of the best mean test accuracy over the folds (run with seeds 0-9: seed s tests"
                + " fold s mod 10)", TEST_CURVE));
    }
}
