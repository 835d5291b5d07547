package org.sdzoo.examples.transformer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.sequence.SequentialMnist;
import org.sdzoo.examples.ConfusionMatrix;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Protocol;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.examples.tcn.SequenceSplits;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.transformer.TransformerClassifier;
import org.sdzoo.zoo.models.transformer.TransformerClassifierConfig;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * The encoder-only classifier on MNIST read as a sequence of 28 rows of 28 pixels (each row a
 * position, projected to D; sinusoidal positions; mean pooling): D 64, 4 heads, FFN 128, 2
 * post-LN layers, dropout 0.1; Adam 1e-3, batch 128, 5 epochs. No paper publishes this model, so
 * the reference is the same model, data order aside, trained by PyTorch with
 * {@code tools/transformer_mnist_torch.py} on this machine. {@code confusion.png} shows the test
 * confusion matrix.
 */
public final class TransformerMnistExample implements Example<SequenceSplits> {

    /** The example's name on the command line. */
    public static final String NAME = "transformer-mnist";
    /** Rows of an image: the sequence length. */
    static final int ROWS = 28;
    /** Pixels of a row: the features of a position. */
    static final int COLUMNS = 28;
    static final int BATCH = 128;
    /** Test accuracy (%) of tools/transformer_mnist_torch.py (PyTorch 1.13, same model and schedule, seed 42). */
    static final double TORCH_ACCURACY = 97.74;

    @Override
    public About about() {
        return new About(NAME, "Transformer encoder classifier on MNIST rows (28 positions of 28 pixels, needs --data-dir"
                + " or " + DataDirectory.ENV_VAR + "), test accuracy beside PyTorch's on the same model",
                TransformerClassifierConfig.ARCHITECTURE,
                "no --data: MNIST's IDX files in <data dir>/mnist; --samples N training images");
    }

    @Override
    public List<String> dataOptions() {
        return List.of("samples");
    }

    @Override
    public Task task() {
        return new ClassificationTask(SequentialMnist.NUM_CLASSES);
    }

    /** Adam 1e-3 (PyTorch's betas and eps), constant, 5 epochs, seed 42. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(1e-3).epochs(5).seed(42).build();
    }

    @Override
    public SequenceSplits data(DataSource source) throws IOException {
        SequenceSplits pixels = SequenceSplits.mnist(NAME, source, null, BATCH);
        return pixels.reshaped(new long[] {ROWS, COLUMNS}, "MNIST as " + ROWS + " rows of " + COLUMNS + " pixels ("
                + pixels.train().size() + " training, " + pixels.test().size() + " test images)");
    }

    @Override
    public ModelConfig config(SequenceSplits data, Path configFile) throws IOException {
        TransformerClassifierConfig base = TransformerClassifierConfig.builder().inputFeatures(COLUMNS)
                .numClasses(SequentialMnist.NUM_CLASSES).dModel(64).numHeads(4).dimFeedforward(128).numLayers(2)
                .dropout(0.1).maxLen(ROWS).seed(data.seed()).build();
        TransformerClassifierConfig config = configFile == null ? base : ConfigJson.override(base, configFile);
        if (config.inputFeatures() != COLUMNS || config.vocabSize() != 0) {
            throw new IllegalArgumentException(configFile + " sets inputFeatures " + config.inputFeatures()
                    + " / vocabSize " + config.vocabSize() + " but every MNIST row has " + COLUMNS
                    + " pixels: remove them from the config");
        }
        return config;
    }

    @Override
    public ZooModel model(ModelConfig config, SequenceSplits data) {
        return TransformerClassifier.create((TransformerClassifierConfig) config);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, SequenceSplits data, RunContext run)
            throws IOException {
        ConfusionMatrix confusion = ConfusionMatrix.of(trained, data.evaluation(), SequentialMnist.NUM_CLASSES);
        confusion.plot(run.file("confusion.png"), "Transformer on MNIST rows: test confusion", "digit");
        TransformerClassifierConfig c = (TransformerClassifierConfig) trained.config();
        return new ResultTable("Transformer encoder on MNIST rows, seed " + run.seed())
                .perEpoch("losses", "training loss (cross-entropy)", ExampleRunner.losses(training))
                .value("training_seconds", "training seconds", training.seconds())
                .header("test accuracy %", "PyTorch, same model and schedule")
                .row("test_accuracy", 100 * confusion.accuracy(), Double.isNaN(TORCH_ACCURACY) ? null : TORCH_ACCURACY)
                .note("The reference trains on all 60,000 images for 5 epochs; this run used " + data.train().size()
                        + " images and " + training.history().size() + " epochs.")
                .fact("training_images", data.train().size()).fact("test_images", data.test().size())
                .fact("layers", c.numLayers()).fact("d_model", c.dModel()).fact("parameters", trained.parameterCount());
    }

    /** The PyTorch run is one run. */
    @Override
    public Optional<Protocol> protocol() {
        return Double.isNaN(TORCH_ACCURACY) ? Optional.empty() : Optional.of(new Protocol(1, "test_accuracy",
                TORCH_ACCURACY, "tools/transformer_mnist_torch.py, PyTorch 1.13, same model and schedule"));
    }
}
