package org.sdzoo.examples.gcn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.EpochBatches;

/**
 * Mini-batches of whole graphs: each epoch shuffles the graph indices with {@code (seed, epoch)}
 * and cuts them into batches of {@code batchSize} (the last one smaller), each made into one
 * block-diagonal batch by {@code batch}. The order is a function of the seed and the epoch, so a
 * resumed run repeats it.
 */
final class GraphMiniBatches extends EpochBatches {

    private final int[] graphs;
    private final int batchSize;
    private final int iterations;
    private final long seed;
    private final Function<int[], MultiDataSet> batch;
    private List<int[]> order;
    private int next;
    private int epoch;

    /**
     * @param graphs    the indices of the graphs to train on
     * @param batchSize graphs per batch, at least 1
     * @param batch     makes one batch from graph indices
     */
    GraphMiniBatches(int[] graphs, int batchSize, long seed, Function<int[], MultiDataSet> batch) {
        this(graphs, batchSize, 0, seed, batch);
    }

    /**
     * The GIN paper's sampling: each epoch {@code iterations} batches, each {@code batchSize}
     * graphs drawn at random without replacement, independently of the other batches.
     */
    static GraphMiniBatches sampled(int[] graphs, int batchSize, int iterations, long seed,
                                    Function<int[], MultiDataSet> batch) {
        if (iterations < 1) {
            throw new IllegalArgumentException("sampled mini-batches need at least 1 iteration an epoch, not " + iterations);
        }
        return new GraphMiniBatches(graphs, batchSize, iterations, seed, batch);
    }

    private GraphMiniBatches(int[] graphs, int batchSize, int iterations, long seed, Function<int[], MultiDataSet> batch) {
        if (graphs.length == 0 || batchSize < 1) {
            throw new IllegalArgumentException("mini-batches need at least one graph and a batch size of at least 1,"
                    + " not " + graphs.length + " graphs in batches of " + batchSize);
        }
        this.graphs = graphs.clone();
        this.batchSize = batchSize;
        this.iterations = iterations;
        this.seed = seed;
        this.batch = batch;
        reset();
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        reset();
    }

    @Override
    public void reset() {
        List<Integer> shuffled = new ArrayList<>(Arrays.stream(graphs).boxed().toList());
        Random random = new Random(seed * 1_000_003L + epoch);
        order = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            Collections.shuffle(shuffled, random);
            order.add(shuffled.subList(0, Math.min(batchSize, shuffled.size())).stream().mapToInt(Integer::intValue)
                    .toArray());
        }
        if (iterations > 0) {
            next = 0;
            return;
        }
        Collections.shuffle(shuffled, random);
        for (int from = 0; from < shuffled.size(); from += batchSize) {
            order.add(shuffled.subList(from, Math.min(from + batchSize, shuffled.size())).stream()
                    .mapToInt(Integer::intValue).toArray());
        }
        next = 0;
    }

    @Override
    public boolean hasNext() {
        return next < order.size();
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet b = batch.apply(order.get(next++));
        preProcessed(b);
        return b;
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }
}
