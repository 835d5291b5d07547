package org.sdzoo.zoo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ROC AUC and average precision against numbers computed independently in NumPy with
 * scikit-learn's definitions ({@code src/test/resources/fixtures/ranking/make_reference.py}).
 */
class RankingTest {

    private static final double[] DOC_SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final double[] DOC_LABELS = {0, 0, 1, 1};
    private static final double[] TIE_SCORES = {0.5, 0.2, 0.5, 0.9, 0.2, 0.5, 0.1, 0.9};
    private static final double[] TIE_LABELS = {1, 0, 0, 1, 1, 0, 0, 0};
    private static final double[] RANDOM_SCORES = {0.0, 0.3, -0.3, -0.9, -0.5, -1.0, 0.1, 1.3, -0.5, -0.6, 0.5, 0.4,
        0.1, -0.9, -0.0, 0.7, -1.3, -0.5, -1.9, -1.3, -1.8, -0.2, -1.3, 0.3, 0.2, -0.2, -2.5, -0.5, -0.0, 0.1, -1.5,
        -0.5, -1.0, -0.8, 1.1, -0.8, -0.0, 0.9, -0.6, -0.1};
    private static final double[] RANDOM_LABELS = {0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1,
        0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1};

    @Test
    void scikitLearnsDocumentedExample() {
        // sklearn's docstring example: AUC 0.75, AP 0.8333
        assertEquals(0.75, Ranking.rocAuc(DOC_SCORES, DOC_LABELS), 1e-12);
        assertEquals(0.833333333333333, Ranking.averagePrecision(DOC_SCORES, DOC_LABELS), 1e-12);
    }

    @Test
    void tiedScoresEnterTogether() {
        // by hand: thresholds 0.9 (tp 1, fp 1), 0.5 (2, 3), 0.2 (3, 4), 0.1 (3, 5);
        // AP = 1/3·1/2 + 1/3·2/5 + 1/3·3/7; AUC = 9/15 with each tie counting 1/2
        assertEquals(0.6, Ranking.rocAuc(TIE_SCORES, TIE_LABELS), 1e-12);
        assertEquals(1.0 / 6 + 2.0 / 15 + 1.0 / 7, Ranking.averagePrecision(TIE_SCORES, TIE_LABELS), 1e-12);
        assertEquals(0.442857142857143, Ranking.averagePrecision(TIE_SCORES, TIE_LABELS), 1e-12);
    }

    @Test
    void matchesTheNumpyReferenceOnRoundedRandomScores() {
        assertEquals(0.350666666666667, Ranking.rocAuc(RANDOM_SCORES, RANDOM_LABELS), 1e-12);
        assertEquals(0.310085470975567, Ranking.averagePrecision(RANDOM_SCORES, RANDOM_LABELS), 1e-12);
    }

    @Test
    void perfectAndReversedRankings() {
        double[] labels = {1, 1, 0, 0};
        assertEquals(1.0, Ranking.rocAuc(new double[] {4, 3, 2, 1}, labels), 1e-12);
        assertEquals(1.0, Ranking.averagePrecision(new double[] {4, 3, 2, 1}, labels), 1e-12);
        assertEquals(0.0, Ranking.rocAuc(new double[] {1, 2, 3, 4}, labels), 1e-12);
        assertEquals(0.5, Ranking.rocAuc(new double[] {1, 1, 1, 1}, labels), 1e-12);
        assertEquals(0.5, Ranking.averagePrecision(new double[] {1, 1, 1, 1}, labels), 1e-12);
    }

    @Test
    void badInputIsOneSentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ranking.rocAuc(new double[] {1, 2}, new double[] {1}))
                .getMessage().contains("2 scores but 1 labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ranking.rocAuc(new double[] {1, 2}, new double[] {1, 2}))
                .getMessage().contains("label 1 is 2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Ranking.averagePrecision(new double[] {1, 2}, new double[] {1, 1})).getMessage().contains("needs both"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Ranking.rocAuc(new double[] {Double.NaN, 2}, new double[] {1, 0})).getMessage().contains("finite"));
    }

    @Test
    void theAccumulatorCountsOnlyMaskedPairsAndMergesBatches() {
        RankingMetric auc = RankingMetric.rocAuc();
        RankingMetric ap = RankingMetric.averagePrecision();
        assertTrue(Double.isNaN(auc.result()), "nothing counted");
        // the tie case, split over two batches, with a masked-out decoy that would change the result
        double[] s1 = {0.5, 0.2, 0.5, 0.9, 100};
        double[] l1 = {1, 0, 0, 1, 0};
        double[] m1 = {1, 1, 1, 1, 0};
        MetricBatch first = new MetricBatch(Nd4j.createFromArray(s1), Nd4j.createFromArray(l1), Nd4j.createFromArray(m1), 0, 4);
        MetricBatch second = new MetricBatch(Nd4j.createFromArray(new double[] {0.2, 0.5, 0.1, 0.9}),
                Nd4j.createFromArray(new double[] {1, 0, 0, 0}), null, 0, 4);
        auc.update(first);
        RankingMetric other = RankingMetric.rocAuc();
        other.update(second);
        auc.merge(other);
        ap.update(first);
        ap.update(second);
        assertEquals(0.6, auc.result(), 1e-12);
        assertEquals(0.442857142857143, ap.result(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> auc.merge(ap));
    }
}
