package org.sdzoo.datasets.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold cross-validation splits (as scikit-learn's {@code StratifiedKFold} with
 * {@code shuffle=True}): each class's members are shuffled with the seed and dealt to the folds in
 * turn, continuing the turn across classes, so every fold's class proportions match the whole and
 * fold sizes differ by at most one. The same labels, k and seed give the same folds on every run.
 * Used for MUTAG's 10-fold protocol.
 */
public final class StratifiedKFold {

    /**
     * One fold: train on {@code train}, test on {@code test}; together they are every example once.
     *
     * @param index the fold, 0 .. k-1
     * @param train the training examples, ascending
     * @param test  the test examples, ascending
     */
    public record Fold(int index, int[] train, int[] test) {

        /** Copies the arrays. */
        public Fold {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    private StratifiedKFold() {
    }

    /**
     * Splits examples into k stratified folds.
     *
     * @param labels {@code [G]} the class of each example, 0 or more
     * @param k      the number of folds, 2 .. G
     * @param seed   the shuffling seed
     * @return k folds in order
     * @throws IllegalArgumentException if k is out of range or a label is negative
     */
    public static List<Fold> split(int[] labels, int k, long seed) {
        if (labels == null || labels.length < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 labelled examples but got "
                    + (labels == null ? 0 : labels.length) + ".");
        }
        if (k < 2 || k > labels.length) {
            throw new IllegalArgumentException("k = " + k + " folds is out of range; use 2 to " + labels.length
                    + " (the number of examples).");
        }
        int classes = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Example " + i + " has label " + labels[i]
                        + "; stratified folds need class labels 0 or more.");
            }
            classes = Math.max(classes, labels[i] + 1);
        }
        Random random = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int turn = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, random);
            for (int m : members) {
                folds.get(turn).add(m);
                turn = (turn + 1) % k;
            }
        }
        List<Fold> result = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int[] test = folds.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
            boolean[] inTest = new boolean[labels.length];
            for (int i : test) {
                inTest[i] = true;
            }
            int[] train = java.util.stream.IntStream.range(0, labels.length).filter(i -> !inTest[i]).toArray();
            result.add(new Fold(f, train, test));
        }
        return result;
    }

    /**
     * Describes the folds' sizes for a log line.
     *
     * @param folds the folds
     * @return for example {@code "10 folds, test sizes [19, 19, ...]"}
     */
    public static String describe(List<Fold> folds) {
        return folds.size() + " folds, test sizes " + Arrays.toString(folds.stream().mapToInt(f -> f.test().length).toArray());
    }
}
