package org.sdzoo.datasets.text;

import java.util.Arrays;

/**
 * A corpus BLEU score and the counts behind it.
 *
 * @param score            BLEU on sacrebleu's 0–100 scale
 * @param precisions       the modified n-gram precisions p1…p4 in [0, 1] (after smoothing)
 * @param brevityPenalty   {@code exp(1 - r/c)} when {@code c < r}, else 1 (0 when {@code c = 0})
 * @param hypothesisLength c, tokens in all hypotheses
 * @param referenceLength  r, the summed lengths of each sentence's closest reference
 * @param matches          clipped n-gram matches, n = 1…4
 * @param totals           hypothesis n-grams, n = 1…4
 */
public record BleuScore(double score, double[] precisions, double brevityPenalty, long hypothesisLength,
                        long referenceLength, long[] matches, long[] totals) {

    /** Copies the arrays. */
    public BleuScore {
        precisions = precisions.clone();
        matches = matches.clone();
        totals = totals.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    @Override
    public long[] matches() {
        return matches.clone();
    }

    @Override
    public long[] totals() {
        return totals.clone();
    }

    @Override
    public String toString() {
        StringBuilder p = new StringBuilder();
        for (int n = 0; n < precisions.length; n++) {
            p.append(n == 0 ? "" : "/").append(String.format(java.util.Locale.ROOT, "%.1f", 100 * precisions[n]));
        }
        return String.format(java.util.Locale.ROOT, "BLEU = %.2f %s (BP = %.3f, ratio = %.3f, hyp_len = %d, ref_len = %d)",
                score, p, brevityPenalty, referenceLength == 0 ? 0.0 : (double) hypothesisLength / referenceLength,
                hypothesisLength, referenceLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BleuScore b && Double.compare(b.score, score) == 0
                && Arrays.equals(b.precisions, precisions) && Double.compare(b.brevityPenalty, brevityPenalty) == 0
                && b.hypothesisLength == hypothesisLength && b.referenceLength == referenceLength
                && Arrays.equals(b.matches, matches) && Arrays.equals(b.totals, totals);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(score) * 31 + Arrays.hashCode(matches);
    }
}
