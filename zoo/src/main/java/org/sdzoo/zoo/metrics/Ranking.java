package org.sdzoo.zoo.metrics;

/**
 * Ranking metrics of binary relevance as pure functions, with ties handled as scikit-learn's
 * {@code roc_auc_score} and {@code average_precision_score}: scores are thresholds, and all
 * examples with the same score enter the curve together (one step, not one per example). Used
 * for link prediction, where positives are held-out edges and negatives sampled non-edges.
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random
     * negative, a tie counting one half (the trapezoid over tied thresholds).
     *
     * @param scores {@code [M]} any finite scores (logits or probabilities: only their order counts)
     * @param labels {@code [M]} 1 for a positive, 0 for a negative
     * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, a score is
     *                                  not finite, or one class is absent (the area is undefined)
     */
    public static double rocAuc(double[] scores, double[] labels) {
        Curve c = Curve.of(scores, labels);
        double area = 0;
        for (int k = 0; k < c.tps.length; k++) {
            double prevTp = k == 0 ? 0 : c.tps[k - 1];
            double prevFp = k == 0 ? 0 : c.fps[k - 1];
            area += (c.fps[k] - prevFp) * (c.tps[k] + prevTp) / 2;
        }
        return area / (c.positives * c.negatives);
    }

    /**
     * Average precision, {@code Σ_k (R_k − R_{k−1}) P_k} over the distinct thresholds from the
     * highest score down, without interpolation (scikit-learn's definition).
     *
     * @param scores {@code [M]} any finite scores
     * @param labels {@code [M]} 1 for a positive, 0 for a negative
     * @throws IllegalArgumentException as {@link #rocAuc}
     */
    public static double averagePrecision(double[] scores, double[] labels) {
        Curve c = Curve.of(scores, labels);
        double ap = 0;
        for (int k = 0; k < c.tps.length; k++) {
            double prevTp = k == 0 ? 0 : c.tps[k - 1];
            ap += (c.tps[k] - prevTp) / c.positives * (c.tps[k] / (c.tps[k] + c.fps[k]));
        }
        return ap;
    }

    /** True and false positives counted down to each distinct score, highest first. */
    private record Curve(double[] tps, double[] fps, double positives, double negatives) {

        static Curve of(double[] scores, double[] labels) {
            if (scores.length != labels.length) {
                throw new IllegalArgumentException("there are " + scores.length + " scores but " + labels.length
                        + " labels: give one 0/1 label per score");
            }
            Integer[] order = new Integer[scores.length];
            double positives = 0;
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isFinite(scores[i])) {
                    throw new IllegalArgumentException("score " + i + " is " + scores[i] + ": rank finite scores only");
                }
                if (labels[i] != 0 && labels[i] != 1) {
                    throw new IllegalArgumentException("label " + i + " is " + labels[i]
                            + ": ranking metrics take 1 for a positive and 0 for a negative");
                }
                positives += labels[i];
                order[i] = i;
            }
            double negatives = scores.length - positives;
            if (positives == 0 || negatives == 0) {
                throw new IllegalArgumentException("the labels hold " + (int) positives + " positives and "
                        + (int) negatives + " negatives: a ranking metric needs both");
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            double[] tps = new double[scores.length];
            double[] fps = new double[scores.length];
            int distinct = 0;
            double tp = 0;
            double fp = 0;
            for (int r = 0; r < order.length; r++) {
                tp += labels[order[r]];
                fp += 1 - labels[order[r]];
                if (r == order.length - 1 || scores[order[r + 1]] != scores[order[r]]) {
                    tps[distinct] = tp;
                    fps[distinct] = fp;
                    distinct++;
                }
            }
            return new Curve(java.util.Arrays.copyOf(tps, distinct), java.util.Arrays.copyOf(fps, distinct), positives,
                    negatives);
        }
    }
}
