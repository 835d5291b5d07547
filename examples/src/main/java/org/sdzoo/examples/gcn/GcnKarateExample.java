package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.KarateClub;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.plot.EmbeddingPlot;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Kipf and Welling's semi-supervised demo on Zachary's karate club (from the datasets jar): one
 * labelled member per faction (the instructor and the president), identity features, a two-layer
 * GCN; the result is the accuracy on the 32 unlabelled members.
 */
public final class GcnKarateExample extends GcnNodeExample {

    /** The example's name on the command line. */
    public static final String NAME = "gcn-karate";
    /** The plot of the trained embedding, in the run directory. */
    public static final String EMBEDDING_PNG = "embedding.png";
    /** The factions' legend names, by label. */
    private static final List<String> FACTIONS = List.of("Mr. Hi (instructor's faction)", "Officer (president's faction)");

    @Override
    public About about() {
        return new About(NAME, "GCN on Zachary's karate club: 1 labelled member per faction, accuracy on the other 32",
                GcnConfig.ARCHITECTURE, "no --data: the karate club ships in the datasets jar");
    }

    @Override
    public Task task() {
        return new MaskedClassificationTask(2);
    }

    /** Adam 0.01, 200 full-batch epochs, seed 42: two labels need many small steps, and 34 nodes make them cheap. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(0.01).epochs(200).seed(42).build();
    }

    @Override
    public NodeSplitData data(DataSource source) {
        if (source.isUserData()) {
            throw new IllegalArgumentException("gcn-karate trains on the karate club in the jar: drop --data");
        }
        GraphData karate = KarateClub.load();
        return new NodeSplitData(karate, baseConfig(karate), source.seed(),
                "KarateClub (34 members, 2 factions, 1 label each)", List.of());
    }

    /** Kipf's GCN for the club: 34 identity features, 2 classes, hidden 16, dropout 0.5. */
    @Override
    GcnConfig baseConfig(GraphData graph) {
        return GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses()).build();
    }

    /**
     * The loss per epoch and the accuracy on the 32 unlabelled members; writes {@value #EMBEDDING_PNG},
     * the members' hidden-layer embedding (its first two principal components when wider than 2)
     * coloured by faction, the two labelled members in black: Kipf and Welling's figure.
     */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, NodeSplitData data, RunContext run)
            throws IOException {
        double accuracy = Evaluator.evaluate(trained, task(), data.evaluation()).get("accuracy");
        GraphData graph = data.graph();
        double[][] embedding = Gcn.embedding(trained, GcnInputs.of(graph, data.config()))
                .castTo(DataType.DOUBLE).toDoubleMatrix();
        EmbeddingPlot.write(run.file(EMBEDDING_PNG), "GCN embedding of the karate club, seed " + run.seed(), embedding,
                graph.labelArray(), FACTIONS, graph.split().orElseThrow().train());
        return new ResultTable("GCN on the karate club, seed " + run.seed())
                .perEpoch("losses", "loss (masked cross-entropy, 2 labelled members)", ExampleRunner.losses(training))
                .value("test_accuracy", "accuracy on the 32 unlabelled members", accuracy)
                .note("Kipf and Welling show the karate club as a figure, not a number: no reference. The embedding"
                        + " is in " + EMBEDDING_PNG + ".");
    }
}
