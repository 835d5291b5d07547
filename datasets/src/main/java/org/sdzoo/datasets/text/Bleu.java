package org.sdzoo.datasets.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni et al. 2002) as multi-bleu.perl and sacrebleu compute it on given
 * tokens: n-grams up to 4, each hypothesis n-gram count clipped by its largest count in any
 * reference of that sentence, matches and totals summed over the corpus before dividing, the
 * geometric mean of the four precisions, and the brevity penalty {@code exp(1 - r/c)} when the
 * corpus hypothesis length c is below r, the summed lengths of each sentence's closest reference
 * (the shorter on a tie). A pure function: tokenise before calling (see {@link WordTokenizer}).
 */
public final class Bleu {

    /** The highest n-gram order. */
    public static final int MAX_ORDER = 4;

    /** What a zero n-gram precision does to the score. */
    public enum Smoothing {
        /** None (multi-bleu.perl, sacrebleu {@code smooth_method='none'}): any zero precision gives BLEU 0. */
        NONE,
        /**
         * NIST mteval-v13a's (sacrebleu's default {@code 'exp'}): the k-th order with no match gets
         * precision {@code 1 / (2^k · total)}.
         */
        EXP
    }

    private Bleu() {
    }

    /** Corpus BLEU with one reference per sentence and no smoothing. */
    public static BleuScore corpus(List<List<String>> hypotheses, List<List<String>> references) {
        return corpus(hypotheses, references, Smoothing.NONE);
    }

    /** Corpus BLEU with one reference per sentence. */
    public static BleuScore corpus(List<List<String>> hypotheses, List<List<String>> references, Smoothing smoothing) {
        if (references == null) {
            throw new IllegalArgumentException("references are null: pass one token list per hypothesis");
        }
        return corpusMultiReference(hypotheses, references.stream().map(List::of).toList(), smoothing);
    }

    /**
     * Corpus BLEU with any number of references per sentence.
     *
     * @param hypotheses one token list per sentence (may be empty)
     * @param references for each sentence, one or more reference token lists
     * @throws IllegalArgumentException when the corpus is empty, the counts differ or a sentence has no reference
     */
    public static BleuScore corpusMultiReference(List<List<String>> hypotheses, List<List<List<String>>> references,
                                                 Smoothing smoothing) {
        if (hypotheses == null || references == null || smoothing == null) {
            throw new IllegalArgumentException("hypotheses, references and smoothing must not be null");
        }
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size()
                    + " references: give exactly one reference set per hypothesis, in the same order");
        }
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("BLEU of an empty corpus is undefined: pass at least one sentence");
        }
        long[] matches = new long[MAX_ORDER];
        long[] totals = new long[MAX_ORDER];
        long c = 0;
        long r = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = hypotheses.get(i);
            List<List<String>> refs = references.get(i);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("sentence " + i + " has no reference: give at least one");
            }
            c += hyp.size();
            r += closestLength(hyp.size(), refs);
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<List<String>, Integer> maxRef = new HashMap<>();
                for (List<String> ref : refs) {
                    ngrams(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
                }
                for (var e : ngrams(hyp, n).entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                }
                totals[n - 1] += Math.max(0, hyp.size() - n + 1);
            }
        }
        double[] precisions = precisions(matches, totals, smoothing);
        double bp = c >= r ? 1.0 : c == 0 ? 0.0 : Math.exp(1.0 - (double) r / c);
        double logMean = 0;
        boolean zero = false;
        for (double p : precisions) {
            zero |= p == 0;
            logMean += zero ? 0 : Math.log(p) / MAX_ORDER;
        }
        double score = zero ? 0.0 : 100.0 * bp * Math.exp(logMean);
        return new BleuScore(score, precisions, bp, c, r, matches, totals);
    }

    private static double[] precisions(long[] matches, long[] totals, Smoothing smoothing) {
        double[] p = new double[MAX_ORDER];
        double halvings = 1;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (totals[n] == 0) {
                break;       // no n-grams of this order at all: precision 0, so BLEU 0 (as sacrebleu)
            }
            if (matches[n] > 0) {
                p[n] = (double) matches[n] / totals[n];
            } else if (smoothing == Smoothing.EXP) {
                halvings *= 2;
                p[n] = 1.0 / (halvings * totals[n]);
            }
        }
        return p;
    }

    private static int closestLength(int length, List<List<String>> refs) {
        int best = -1;
        for (List<String> ref : refs) {
            int d = Math.abs(ref.size() - length);
            int bestD = best < 0 ? Integer.MAX_VALUE : Math.abs(best - length);
            if (d < bestD || (d == bestD && ref.size() < best)) {
                best = ref.size();
            }
        }
        return best;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }
}
