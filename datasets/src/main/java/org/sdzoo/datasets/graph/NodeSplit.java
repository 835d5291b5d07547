package org.sdzoo.datasets.graph;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The train, validation and test nodes of a transductive split, as sorted, distinct node ids.
 * The three sets are non-empty and disjoint; nodes in none of them are unlabeled for training.
 */
public final class NodeSplit {

    private final int[] train;
    private final int[] val;
    private final int[] test;

    private NodeSplit(int[] train, int[] val, int[] test) {
        this.train = train;
        this.val = val;
        this.test = test;
    }

    /**
     * Builds a split from node ids (any order; copied and sorted).
     *
     * @param train the training nodes
     * @param val   the validation nodes
     * @param test  the test nodes
     * @return the split
     * @throws IllegalArgumentException if a set is empty, holds a node twice, or two sets share a node
     */
    public static NodeSplit of(int[] train, int[] val, int[] test) {
        int[] tr = sortedDistinct(train, "train");
        int[] va = sortedDistinct(val, "val");
        int[] te = sortedDistinct(test, "test");
        requireDisjoint(tr, "train", va, "val");
        requireDisjoint(tr, "train", te, "test");
        requireDisjoint(va, "val", te, "test");
        return new NodeSplit(tr, va, te);
    }

    /**
     * Builds a split without validation nodes, for graphs too small to spare any (the karate
     * club's one labelled node per class).
     *
     * @param train the training nodes
     * @param test  the test nodes
     * @return the split; {@link #hasValidation()} is false
     * @throws IllegalArgumentException if a set is empty, holds a node twice, or the sets share a node
     */
    public static NodeSplit withoutValidation(int[] train, int[] test) {
        int[] tr = sortedDistinct(train, "train");
        int[] te = sortedDistinct(test, "test");
        requireDisjoint(tr, "train", te, "test");
        return new NodeSplit(tr, new int[0], te);
    }

    /**
     * Splits the labelled nodes at random, stratified by class: within each class the nodes are
     * shuffled with {@code seed}, the first {@code round(testFraction · n)} go to test, the next
     * {@code round(valFraction · n)} to validation, the rest to training (a class of one node
     * trains). Unlabelled nodes ({@link GraphData#UNLABELED}) are in no set.
     *
     * @param labels       {@code [N]} class ids, or {@link GraphData#UNLABELED}
     * @param valFraction  the share of each class for validation, {@code [0, 1)}
     * @param testFraction the share of each class for test, {@code (0, 1)}, with valFraction below 1
     * @param seed         the seed of the shuffle: the same seed gives the same split
     * @return the split; without validation nodes when valFraction is 0
     * @throws IllegalArgumentException if a fraction is out of range, or a set would be empty
     */
    public static NodeSplit random(int[] labels, double valFraction, double testFraction, long seed) {
        if (!(valFraction >= 0 && testFraction > 0 && valFraction + testFraction < 1)) {
            throw new IllegalArgumentException("The split fractions val " + valFraction + " and test " + testFraction
                    + " must be >= 0 and > 0 with a sum below 1, leaving nodes to train on.");
        }
        java.util.Map<Integer, java.util.List<Integer>> byClass = new java.util.TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != GraphData.UNLABELED) {
                byClass.computeIfAbsent(labels[i], c -> new java.util.ArrayList<>()).add(i);
            }
        }
        java.util.Random random = new java.util.Random(seed);
        java.util.List<Integer> train = new java.util.ArrayList<>();
        java.util.List<Integer> val = new java.util.ArrayList<>();
        java.util.List<Integer> test = new java.util.ArrayList<>();
        for (java.util.List<Integer> nodes : byClass.values()) {
            java.util.Collections.shuffle(nodes, random);
            int n = nodes.size();
            int nTest = n < 2 ? 0 : (int) Math.round(testFraction * n);
            int nVal = n < 2 ? 0 : (int) Math.min(Math.round(valFraction * n), n - nTest - 1L);
            test.addAll(nodes.subList(0, nTest));
            val.addAll(nodes.subList(nTest, nTest + nVal));
            train.addAll(nodes.subList(nTest + nVal, n));
        }
        int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
        int[] te = test.stream().mapToInt(Integer::intValue).toArray();
        return valFraction == 0 ? withoutValidation(tr, te) : of(tr, val.stream().mapToInt(Integer::intValue).toArray(), te);
    }

    /** @return whether the split has validation nodes */
    public boolean hasValidation() {
        return val.length > 0;
    }

    /**
     * Builds a split from 0/1 masks.
     *
     * @param train {@code [N]} 1 for training nodes
     * @param val   {@code [N]} 1 for validation nodes
     * @param test  {@code [N]} 1 for test nodes
     * @return the split
     * @throws IllegalArgumentException as {@link #of(int[], int[], int[])}, or if the masks differ in length
     */
    public static NodeSplit ofMasks(INDArray train, INDArray val, INDArray test) {
        if (train == null || val == null || test == null) {
            throw new IllegalArgumentException("A split needs train, val and test masks; one of them is null.");
        }
        if (train.length() != val.length() || train.length() != test.length()) {
            throw new IllegalArgumentException("The train, val and test masks have lengths " + train.length() + ", " + val.length()
                    + " and " + test.length() + "; give each mask one entry per node.");
        }
        return of(ids(train), ids(val), ids(test));
    }

    private static int[] ids(INDArray mask) {
        double[] m = mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return java.util.stream.IntStream.range(0, m.length).filter(i -> m[i] != 0).toArray();
    }

    private static int[] sortedDistinct(int[] ids, String name) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("The " + name + " set is empty; give it at least one node.");
        }
        int[] s = ids.clone();
        Arrays.sort(s);
        for (int i = 1; i < s.length; i++) {
            if (s[i] == s[i - 1]) {
                throw new IllegalArgumentException("The " + name + " set lists node " + s[i] + " twice; list each node once.");
            }
        }
        return s;
    }

    private static void requireDisjoint(int[] a, String aName, int[] b, String bName) {
        int i = 0;
        int j = 0;
        int shared = 0;
        int first = -1;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                if (shared++ == 0) {
                    first = a[i];
                }
                i++;
                j++;
            }
        }
        if (shared > 0) {
            throw new IllegalArgumentException("The " + aName + " and " + bName + " sets overlap in " + shared + " node"
                    + (shared == 1 ? "" : "s") + " (the first is " + first + "); make the sets disjoint.");
        }
    }

    /**
     * Returns the training node ids.
     *
     * @return a copy, ascending
     */
    public int[] train() {
        return train.clone();
    }

    /**
     * Returns the validation node ids.
     *
     * @return a copy, ascending
     */
    public int[] val() {
        return val.clone();
    }

    /**
     * Returns the test node ids.
     *
     * @return a copy, ascending
     */
    public int[] test() {
        return test.clone();
    }

    /**
     * Returns the training mask.
     *
     * @param numNodes N
     * @param type     the element type
     * @return {@code [N]}, 1 for training nodes, 0 elsewhere
     */
    public INDArray trainMask(int numNodes, DataType type) {
        return mask(train, numNodes, type);
    }

    /**
     * Returns the validation mask.
     *
     * @param numNodes N
     * @param type     the element type
     * @return {@code [N]}, 1 for validation nodes, 0 elsewhere
     */
    public INDArray valMask(int numNodes, DataType type) {
        return mask(val, numNodes, type);
    }

    /**
     * Returns the test mask.
     *
     * @param numNodes N
     * @param type     the element type
     * @return {@code [N]}, 1 for test nodes, 0 elsewhere
     */
    public INDArray testMask(int numNodes, DataType type) {
        return mask(test, numNodes, type);
    }

    private static INDArray mask(int[] ids, int numNodes, DataType type) {
        double[] m = new double[numNodes];
        for (int id : ids) {
            m[id] = 1;
        }
        return Nd4j.createFromArray(m).castTo(type);
    }

    /** Returns the largest node id in any set (for range checks). */
    int maxId() {
        int max = Math.max(train[train.length - 1], test[test.length - 1]);
        return val.length == 0 ? max : Math.max(max, val[val.length - 1]);
    }

    @Override
    public String toString() {
        return "train " + train.length + " / val " + val.length + " / test " + test.length;
    }
}
