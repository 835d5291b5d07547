package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {

    /** MUTAG's class sizes: 63 of class 0, 125 of class 1, interleaved. */
    private static int[] mutagLike() {
        int[] labels = new int[188];
        for (int i = 0; i < 188; i++) {
            labels[i] = i % 3 == 0 && i / 3 < 63 ? 0 : 1;
        }
        return labels;
    }

    @Test
    void foldsPartitionTheExamplesWithTheClassProportions() {
        int[] labels = mutagLike();
        assertEquals(63, Arrays.stream(labels).filter(l -> l == 0).count());
        List<StratifiedKFold.Fold> folds = StratifiedKFold.split(labels, 10, 7);
        int[] seen = new int[labels.length];
        for (StratifiedKFold.Fold f : folds) {
            int[] test = f.test();
            assertTrue(test.length == 18 || test.length == 19, "188 / 10: " + test.length);
            assertEquals(labels.length, test.length + f.train().length);
            long zeros = Arrays.stream(test).filter(i -> labels[i] == 0).count();
            assertTrue(zeros == 6 || zeros == 7, "63 / 10 per fold: " + zeros);
            for (int i : test) {
                seen[i]++;
            }
            assertTrue(Arrays.stream(f.train()).noneMatch(i -> Arrays.binarySearch(test, i) >= 0), "train and test disjoint");
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every example tested exactly once");
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        int[] labels = mutagLike();
        assertArrayEquals(StratifiedKFold.split(labels, 10, 7).get(3).test(), StratifiedKFold.split(labels, 10, 7).get(3).test());
        assertFalse(Arrays.equals(StratifiedKFold.split(labels, 10, 7).get(3).test(),
                StratifiedKFold.split(labels, 10, 8).get(3).test()));
    }

    @Test
    void badArgumentsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.split(new int[] {0, 1, 0}, 4, 1))
                .getMessage().contains("k = 4 folds is out of range; use 2 to 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.split(new int[] {0, -1, 0}, 2, 1))
                .getMessage().contains("Example 1 has label -1"));
    }
}
