package org.sdzoo.datasets.sequence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.CsvTable;

/**
 * Sliding forecasting windows over a CSV time series (one row per time step, e.g. ETTh1): each
 * example is a window of {@code window} steps of the input columns, {@code [C_in, L]}, and the
 * next {@code horizon} steps of the target columns, {@code [H, C_target]}. Columns are
 * standardised with the training rows' mean and standard deviation. As in Informer's code, the
 * validation and test windows may start up to L rows before their split, so that the first target
 * lies at the split's first row.
 *
 * @param train      features {@code [B, C_in, L]}, labels {@code [B, H, C_target]}
 * @param validation the same shapes
 * @param test       the same shapes
 * @param inputs     the input columns, in channel order
 * @param targets    the target columns, in label order
 * @param mean       training mean of each input column (targets are among or beside them)
 * @param std        training standard deviation of each input column
 * @param targetMean training mean of each target column
 * @param targetStd  training standard deviation of each target column
 */
public record ForecastWindows(SequenceData train, SequenceData validation, SequenceData test, List<String> inputs,
                              List<String> targets, double[] mean, double[] std, double[] targetMean,
                              double[] targetStd) {

    /**
     * @param csv     a CSV with a header row; other columns (e.g. {@code date}) are ignored
     * @param inputs  the columns fed to the model
     * @param targets the columns to forecast (may repeat input columns, as for univariate OT → OT)
     * @param window  L ≥ 1 input steps
     * @param horizon H ≥ 1 forecast steps
     * @throws IllegalArgumentException for a missing value, a non-numeric cell, a split shorter than
     *                                  window + horizon, or a column that is constant in training
     */
    public static ForecastWindows fromCsv(Path csv, List<String> inputs, List<String> targets, ForecastSplit split,
                                          int window, int horizon, DataType type) throws IOException {
        if (window < 1 || horizon < 1) {
            throw new IllegalArgumentException("window (" + window + ") and horizon (" + horizon + ") must be >= 1");
        }
        CsvTable table = CsvTable.read(csv);
        if (split.testEnd() > table.rows()) {
            throw new IllegalArgumentException(csv.getFileName() + " has " + table.rows() + " rows but the split ends"
                    + " at row " + split.testEnd() + ": use a split that fits, e.g. ForecastSplit.fractions");
        }
        requireNoMissing(table, inputs, split.testEnd());
        requireNoMissing(table, targets, split.testEnd());
        INDArray x = table.columns(inputs, DataType.DOUBLE);                   // [rows, C_in]
        INDArray y = table.columns(targets, DataType.DOUBLE);                  // [rows, C_target]
        INDArray trainX = x.get(NDArrayIndex.interval(0, split.trainEnd()), NDArrayIndex.all());
        INDArray trainY = y.get(NDArrayIndex.interval(0, split.trainEnd()), NDArrayIndex.all());
        double[] mean = trainX.mean(0).toDoubleVector();
        double[] std = stds(trainX, inputs);
        double[] targetMean = trainY.mean(0).toDoubleVector();
        double[] targetStd = stds(trainY, targets);
        INDArray xs = x.subRowVector(Nd4j.createFromArray(mean)).divRowVector(Nd4j.createFromArray(std));
        INDArray ys = y.subRowVector(Nd4j.createFromArray(targetMean)).divRowVector(Nd4j.createFromArray(targetStd));
        return new ForecastWindows(
                windows(xs, ys, 0, split.trainEnd(), window, horizon, "train", type),
                windows(xs, ys, split.trainEnd(), split.validationEnd(), window, horizon, "validation", type),
                windows(xs, ys, split.validationEnd(), split.testEnd(), window, horizon, "test", type),
                List.copyOf(inputs), List.copyOf(targets), mean, std, targetMean, targetStd);
    }

    /**
     * Windows whose targets lie in rows {@code [start, end)}; inputs may reach back before start.
     */
    static SequenceData windows(INDArray x, INDArray y, int start, int end, int window, int horizon, String split,
                                DataType type) {
        int first = Math.max(0, start - window);
        int count = end - horizon - window - first + 1;
        if (count < 1) {
            throw new IllegalArgumentException("the " + split + " split has " + (end - start) + " rows, too few for a"
                    + " window of " + window + " steps plus a horizon of " + horizon + ": shorten the window or the"
                    + " horizon, or give the series more rows");
        }
        long cIn = x.size(1);
        long cOut = y.size(1);
        INDArray features = Nd4j.create(DataType.DOUBLE, count, cIn, window);
        INDArray labels = Nd4j.create(DataType.DOUBLE, count, horizon, cOut);
        for (int i = 0; i < count; i++) {
            int s = first + i;
            features.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(x.get(NDArrayIndex.interval(s, s + window), NDArrayIndex.all()).transpose());
            labels.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(y.get(NDArrayIndex.interval(s + window, s + window + horizon), NDArrayIndex.all()));
        }
        return new SequenceData(features.castTo(type), labels.castTo(type));
    }

    /**
     * The persistence forecast: every future step equals the last observed value of the target
     * (which must also be an input column).
     *
     * @param data features {@code [B, C_in, L]}
     * @return {@code [B, H, C_target]} in standardised units
     */
    public INDArray persistence(SequenceData data) {
        long b = data.size();
        long h = data.labels().size(1);
        INDArray out = Nd4j.create(data.labels().dataType(), b, h, targets.size());
        for (int j = 0; j < targets.size(); j++) {
            int c = inputs.indexOf(targets.get(j));
            if (c < 0) {
                throw new IllegalArgumentException("target '" + targets.get(j) + "' is not an input column, so its last"
                        + " value is unknown: add it to the inputs for a persistence baseline");
            }
            // the input is standardised with the input statistics; the label with the target's
            INDArray last = data.features().get(NDArrayIndex.all(), NDArrayIndex.point(c),
                    NDArrayIndex.point(data.features().size(2) - 1)).castTo(DataType.DOUBLE)
                    .mul(std[c]).add(mean[c]).sub(targetMean[j]).div(targetStd[j]);                // [B]
            for (long t = 0; t < h; t++) {
                out.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.point(j)).assign(last);
            }
        }
        return out;
    }

    private static double[] stds(INDArray trainRows, List<String> names) {
        double[] std = trainRows.std(false, 0).toDoubleVector();
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0)) {
                throw new IllegalArgumentException("column '" + names.get(i) + "' is constant in the training rows,"
                        + " so it cannot be standardised: drop it from the columns");
            }
        }
        return std;
    }

    private static void requireNoMissing(CsvTable table, List<String> columns, int rows) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            for (int r = 1; r <= rows && missing.size() < 5; r++) {
                String cell = table.cell(r, c);
                if (cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("na")) {
                    missing.add("row " + r + " column '" + c + "'");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(table.path().getFileName() + " has missing values (" + String.join(", ",
                    missing) + "): fill them (e.g. interpolate) or drop those rows before forecasting");
        }
    }
}
