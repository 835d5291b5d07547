package org.sdzoo.zoo.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot of node (or item) embeddings coloured by class: the first two principal
 * components when the embedding is wider than 2, the embedding itself when it is 2-D. Marked
 * items (e.g. the labelled nodes of a semi-supervised split) are drawn over in black, as one
 * more legend entry ({@value #MARKED_NAME}).
 */
public final class EmbeddingPlot {

    /** Legend name of the marked items. */
    public static final String MARKED_NAME = "labelled";

    private EmbeddingPlot() {}

    /**
     * Writes the chart.
     *
     * @param png        the PNG file to write; parent directories are created
     * @param title      the chart title, or {@code null} for none
     * @param embedding  {@code [N][D]}, D ≥ 2, every value finite
     * @param classes    {@code [N]} the class of each item, {@code 0 .. classNames.size() - 1}
     * @param classNames the legend name of each class
     * @param marked     the items to draw in black, or an empty array
     * @throws IllegalArgumentException if the sizes disagree, a class or marked index is out of
     *     range, or a value is not finite
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, String title, double[][] embedding, int[] classes, List<String> classNames,
                             int[] marked) throws IOException {
        PngFiles.checkTarget(png);
        if (embedding == null || embedding.length == 0 || embedding[0].length < 2) {
            throw new IllegalArgumentException("the embedding is empty or narrower than 2 columns; pass [N][D] with D >= 2");
        }
        int n = embedding.length;
        if (classes == null || classes.length != n) {
            throw new IllegalArgumentException("there are " + (classes == null ? 0 : classes.length) + " classes for "
                    + n + " embedded items; pass one class per item");
        }
        for (int i = 0; i < n; i++) {
            if (classes[i] < 0 || classes[i] >= classNames.size()) {
                throw new IllegalArgumentException("item " + i + " has class " + classes[i] + " but there are "
                        + classNames.size() + " class names; pass a name for every class");
            }
            XyCharts.checkFinite("embedding row " + i, embedding[i]);
        }
        double[][] xy = embedding[0].length == 2 ? transpose(embedding) : principalComponents(embedding);
        boolean projected = embedding[0].length > 2;
        XYChart chart = XyCharts.newChart(title, projected ? "principal component 1" : "dimension 1",
                projected ? "principal component 2" : "dimension 2");
        chart.getStyler().setMarkerSize(11);
        for (int c = 0; c < classNames.size(); c++) {
            int cls = c;
            int[] members = java.util.stream.IntStream.range(0, n).filter(i -> classes[i] == cls).toArray();
            XyCharts.addScatter(chart, classNames.get(c), pick(xy[0], members), pick(xy[1], members),
                    XyCharts.PALETTE[c % XyCharts.PALETTE.length]);
        }
        if (marked != null && marked.length > 0) {
            for (int m : marked) {
                if (m < 0 || m >= n) {
                    throw new IllegalArgumentException("marked item " + m + " is outside 0.." + (n - 1)
                            + "; mark items of the embedding");
                }
            }
            XYSeries ring = chart.addSeries(MARKED_NAME, pick(xy[0], marked), pick(xy[1], marked));
            ring.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ring.setMarker(SeriesMarkers.CIRCLE);
            ring.setMarkerColor(Color.BLACK);
        }
        PngFiles.write(png, XyCharts.render(chart));
    }

    /**
     * Projects rows onto their first two principal components (centred; power iteration with
     * deflation on the D×D covariance, deterministic from a fixed start). A component's sign is
     * chosen so that its largest-magnitude loading is positive.
     *
     * @param rows {@code [N][D]}
     * @return {@code {x[N], y[N]}}
     */
    static double[][] principalComponents(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]) / n;
                }
            }
        }
        double[][] out = new double[2][n];
        for (int k = 0; k < 2; k++) {
            double[] v = dominantEigenvector(cov);
            double lambda = quadratic(cov, v);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (rows[i][j] - mean[j]) * v[j];
                }
                out[k][i] = s;
            }
        }
        return out;
    }

    private static double[] dominantEigenvector(double[][] m) {
        int d = m.length;
        double[] v = new double[d];
        Arrays.fill(v, 1 / Math.sqrt(d));
        v[0] += 0.1; // not orthogonal to a component whose loadings sum to zero
        for (int it = 0; it < 500; it++) {
            double[] next = new double[d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    next[a] += m[a][b] * v[b];
                }
            }
            double norm = Math.sqrt(Arrays.stream(next).map(x -> x * x).sum());
            if (norm == 0) {
                return new double[d]; // no variance left: the component is zero
            }
            for (int a = 0; a < d; a++) {
                next[a] /= norm;
            }
            v = next;
        }
        int largest = 0;
        for (int a = 1; a < d; a++) {
            largest = Math.abs(v[a]) > Math.abs(v[largest]) ? a : largest;
        }
        if (v[largest] < 0) {
            for (int a = 0; a < d; a++) {
                v[a] = -v[a];
            }
        }
        return v;
    }

    private static double quadratic(double[][] m, double[] v) {
        double s = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                s += v[a] * m[a][b] * v[b];
            }
        }
        return s;
    }

    private static double[][] transpose(double[][] rows) {
        double[][] t = new double[2][rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[0][i] = rows[i][0];
            t[1][i] = rows[i][1];
        }
        return t;
    }

    private static double[] pick(double[] values, int[] at) {
        return Arrays.stream(at).mapToDouble(i -> values[i]).toArray();
    }
}
