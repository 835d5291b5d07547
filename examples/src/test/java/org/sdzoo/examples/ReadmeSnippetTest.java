package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.kernelregression.Estimator;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * The library snippet of the root README.md, verbatim but for the temporary file: it must compile
 * and run, and {@link #readmeShowsTheseLines} fails when the README and this test drift apart.
 */
class ReadmeSnippetTest {

    @TempDir
    Path tmp;

    @Test
    void snippetTrainsSavesAndLoads() throws Exception {
        var data = NoisySine.generate(50, 0.5, 42);
        var config = KernelRegressionConfig.builder().estimator(Estimator.PARAMETRIC).build();
        ZooModel model = KernelRegression.create(config, data.x(), data.y());
        var batch = KernelRegression.leaveOneOutBatch(data.x(), data.y(), model.dataType());
        var trainer = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.5).epochs(5).build()).build();
        TrainingResult result = trainer.fit(model, new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED), DataIterators.fullBatch(batch.getFeatures(), batch.getLabels()), null);
        INDArray yHat = model.predict(NoisySine.testGrid().reshape(-1, 1));
        ModelArchive.save(tmp.resolve("nw.sdz"), model);   // README: Path.of("nw.sdz")
        ZooModel loaded = ModelArchive.load(tmp.resolve("nw.sdz"));   // README: Path.of("nw.sdz")

        double first = result.history().get(0).loss();

        assertTrue(result.last().loss() < first, "the loss decreased: " + first + " -> " + result.last().loss());
        assertArrayEquals(yHat.toDoubleVector(), loaded.predict(NoisySine.testGrid().reshape(-1, 1)).toDoubleVector(),
                0.0, "the loaded model predicts the same values");
    }

    @Test
    void readmeShowsTheseLines() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n");
        assertTrue(start >= 0, "README.md has a java block");
        String snippet = readme.substring(start + 8, readme.indexOf("```", start + 8));
        String test = Files.readString(Path.of("src/test/java/org/sdzoo/examples/ReadmeSnippetTest.java"));
        for (String line : snippet.strip().split("\n")) {
            String expected = line.strip().replace("Path.of(\"nw.sdz\")", "tmp.resolve(\"nw.sdz\")");
            assertTrue(test.contains(expected), "README line not in ReadmeSnippetTest: " + line);
        }
    }
}
