package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.plot.HeatmapPlot;

/**
 * Counts of {@code [true class][predicted class]} of a classifier over labelled batches (class ids
 * as the batch's first label array), with the accuracy and a heatmap.
 */
public final class ConfusionMatrix {

    private final double[][] counts;

    private ConfusionMatrix(double[][] counts) {
        this.counts = counts;
    }

    /** Predicts every batch of {@code batches} with {@code model}'s primary output, logits {@code [B, C]}. */
    public static ConfusionMatrix of(ZooModel model, MultiDataSetIterator batches, int numClasses) {
        double[][] counts = new double[numClasses][numClasses];
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            INDArray predicted = model.predict(batch).argMax(1);
            INDArray truth = batch.getLabels(0).reshape(-1);
            for (int i = 0; i < truth.length(); i++) {
                counts[truth.getInt(i)][predicted.getInt(i)]++;
            }
        }
        return new ConfusionMatrix(counts);
    }

    /** @return the fraction of examples on the diagonal */
    public double accuracy() {
        double correct = 0;
        double total = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                total += counts[i][j];
                correct += i == j ? counts[i][j] : 0;
            }
        }
        return correct / total;
    }

    /** Writes the counts as a heatmap, classes numbered 0..C-1 on both axes, called {@code what} (e.g. "digit"). */
    public void plot(Path file, String title, String what) throws IOException {
        double[] classes = IntStream.range(0, counts.length).asDoubleStream().toArray();
        HeatmapPlot.write(file, counts, title, "predicted " + what, "true " + what, classes, classes);
    }
}
