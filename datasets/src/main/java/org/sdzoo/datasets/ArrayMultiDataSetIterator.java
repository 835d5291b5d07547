package org.sdzoo.datasets;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Iterates over in-memory arrays in mini-batches, optionally shuffled, with an order that depends
 * only on the seed and the epoch.
 *
 * <p>All arrays share dimension 0, the examples: features {@code [B, ...]} and labels
 * {@code [B, ...]} of any rank from 1. A batch holds the same rows of every array.
 *
 * <p><b>Order.</b> Without shuffling the rows come in their original order. With shuffling, epoch
 * {@code e} uses the permutation drawn by a Fisher–Yates shuffle from
 * {@code new java.util.Random(seed * 1_000_003L + e)}; so the order is a function of
 * {@code (seed, epoch)} only, and a run resumed at epoch {@code e} via {@link #setEpoch(int)}
 * sees exactly the batches an uninterrupted run would.
 *
 * <p><b>Epochs.</b> The iterator starts at epoch 0. {@link #setEpoch(int)} selects an epoch and
 * rewinds. {@link #reset()} rewinds and, if at least one batch of the current epoch has been
 * served, advances to the next epoch; a reset before any batch (for example right after
 * {@code setEpoch}) stays on the current epoch.
 *
 * <p><b>Full batch.</b> A batch size {@code <= 0} or {@code >= numExamples()} gives one batch
 * per epoch. Without shuffling and without a pre-processor that batch holds the original arrays,
 * not copies (useful for a whole graph); a pre-processor gets copies, so it cannot change the
 * source arrays.
 *
 * <p>Not thread-safe; {@link #asyncSupported()} is {@code false}.
 */
public final class ArrayMultiDataSetIterator implements MultiDataSetIterator, EpochAware {

    private static final long serialVersionUID = 1L;

    private final INDArray[] features;
    private final INDArray[] labels;
    private final int numExamples;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    private int epoch;
    private int[] order;
    private int cursor;
    private MultiDataSetPreProcessor preProcessor;

    /**
     * Creates an iterator over the given arrays.
     *
     * @param features  the feature arrays, each {@code [B, ...]}; at least one
     * @param labels    the label arrays, each {@code [B, ...]}; may be empty or {@code null}
     *                  for prediction
     * @param batchSize examples per batch; {@code <= 0} or {@code >= B} means one full batch
     * @param shuffle   whether to shuffle the rows each epoch
     * @param seed      the seed of the shuffle
     * @throws IllegalArgumentException if there are no features, an array is null or a scalar,
     *                                  or the arrays differ in dimension 0
     */
    public ArrayMultiDataSetIterator(INDArray[] features, INDArray[] labels, int batchSize, boolean shuffle, long seed) {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("ArrayMultiDataSetIterator got no feature arrays; pass at least one array of shape [B, ...].");
        }
        this.features = features.clone();
        this.labels = labels == null ? new INDArray[0] : labels.clone();
        long n = checkArray(this.features[0], "features[0]", -1);
        for (int i = 1; i < this.features.length; i++) {
            checkArray(this.features[i], "features[" + i + "]", n);
        }
        for (int i = 0; i < this.labels.length; i++) {
            checkArray(this.labels[i], "labels[" + i + "]", n);
        }
        if (n == 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("features[0] has " + n
                    + " examples (dimension 0); pass between 1 and " + Integer.MAX_VALUE + " examples.");
        }
        // A strided view (a slice, a permute) is copied once here, not whole for every batch; a
        // reshape of a whole array is read in place
        for (int i = 0; i < this.features.length; i++) {
            this.features[i] = compact(this.features[i]);
        }
        for (int i = 0; i < this.labels.length; i++) {
            this.labels[i] = compact(this.labels[i]);
        }
        this.numExamples = (int) n;
        this.batchSize = batchSize <= 0 || batchSize >= numExamples ? numExamples : batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        startEpoch(0);
    }

    private static INDArray compact(INDArray a) {
        return contiguous(a) ? a : a.dup('c');
    }

    /** @return whether {@code a} is one C-ordered run of its buffer, so rows can be pulled from it as it is */
    private static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && (!a.isView() || a.elementWiseStride() == 1);
    }

    private static long checkArray(INDArray a, String what, long expected) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null; pass an array of shape [B, ...].");
        }
        if (a.rank() == 0) {
            throw new IllegalArgumentException(what + " is a scalar; pass an array of shape [B, ...] with examples in dimension 0.");
        }
        long n = a.size(0);
        if (expected >= 0 && n != expected) {
            throw new IllegalArgumentException(what + " has " + n + " examples (dimension 0 of shape "
                    + Arrays.toString(a.shape()) + ") but features[0] has " + expected
                    + "; all arrays must have the same length in dimension 0.");
        }
        return n;
    }

    /**
     * Selects the epoch whose order the next pass uses, and rewinds to its first batch.
     *
     * @param epoch the epoch, counted from 0
     * @throws IllegalArgumentException if the epoch is negative
     */
    @Override
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch is " + epoch + "; epochs count from 0.");
        }
        startEpoch(epoch);
    }

    /**
     * Returns the epoch whose order is being served.
     *
     * @return the epoch, counted from 0
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Returns the number of examples per epoch.
     *
     * @return {@code B}, the size of dimension 0
     */
    public int numExamples() {
        return numExamples;
    }

    /**
     * Returns the number of batches per epoch; the last one may be smaller.
     *
     * @return {@code ceil(numExamples / batchSize)}
     */
    public int batchesPerEpoch() {
        return (numExamples + batchSize - 1) / batchSize;
    }

    /**
     * Returns the effective batch size.
     *
     * @return examples per batch, {@code numExamples()} for a full batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the row order of an epoch, without changing the iterator's state.
     *
     * @param epoch the epoch, counted from 0
     * @return the example indices in the order they are served
     */
    public int[] orderFor(int epoch) {
        int[] idx = new int[numExamples];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = idx.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    private void startEpoch(int e) {
        this.epoch = e;
        this.order = orderFor(e);
        this.cursor = 0;
    }

    /**
     * Returns whether the current epoch has more batches.
     *
     * @return {@code true} until the epoch's last batch has been served
     */
    @Override
    public boolean hasNext() {
        return cursor < numExamples;
    }

    /**
     * Returns the next batch of the configured size.
     *
     * @return features and labels of the same rows, each {@code [b, ...]}
     * @throws NoSuchElementException if the epoch is exhausted
     */
    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    /**
     * Returns the next batch of at most {@code num} examples.
     *
     * @param num the number of examples wanted
     * @return features and labels of the same rows, each {@code [b, ...]} with {@code b <= num}
     * @throws NoSuchElementException   if the epoch is exhausted
     * @throws IllegalArgumentException if {@code num < 1}
     */
    @Override
    public MultiDataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("Epoch " + epoch + " has no more batches; call reset() or setEpoch(int) to start another.");
        }
        if (num < 1) {
            throw new IllegalArgumentException("next(" + num + ") asked for no examples; ask for at least 1.");
        }
        int count = Math.min(num, numExamples - cursor);
        int[] rows = Arrays.copyOfRange(order, cursor, cursor + count);
        boolean whole = count == numExamples && !shuffle;
        cursor += count;
        INDArray[] f = new INDArray[features.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = whole ? shareOrCopy(features[i]) : selectRows(features[i], rows);
        }
        INDArray[] l = new INDArray[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = whole ? shareOrCopy(labels[i]) : selectRows(labels[i], rows);
        }
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(f, l);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    private INDArray shareOrCopy(INDArray a) {
        return preProcessor == null ? a : a.dup();
    }

    /**
     * Selects rows of dimension 0 of an array of any rank from 1.
     *
     * @param a    the array, {@code [B, ...]}
     * @param rows the indices into dimension 0
     * @return a new array {@code [rows.length, ...]} in C order
     */
    static INDArray selectRows(INDArray a, int[] rows) {
        long[] shape = a.shape();
        long rest = a.length() / shape[0];
        INDArray flat = (contiguous(a) ? a : a.dup('c')).reshape('c', shape[0], rest);          // [B, prod(...)]
        INDArray pulled = Nd4j.pullRows(flat, 1, rows, 'c');
        long[] outShape = shape.clone();
        outShape[0] = rows.length;
        return pulled.reshape('c', outShape);
    }

    /**
     * Sets a pre-processor applied to every batch before it is returned.
     *
     * @param preProcessor the pre-processor, or {@code null} for none
     */
    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /**
     * Returns the pre-processor applied to every batch.
     *
     * @return the pre-processor, or {@code null} for none
     */
    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * Returns {@code true}: {@link #reset()} is supported.
     *
     * @return {@code true}
     */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * Returns {@code false}: batches are cheap to build, and asynchronous prefetching would
     * make the shared full batch unsafe.
     *
     * @return {@code false}
     */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /**
     * Rewinds to the first batch, advancing to the next epoch if at least one batch of the
     * current epoch has been served.
     */
    @Override
    public void reset() {
        startEpoch(cursor > 0 ? epoch + 1 : epoch);
    }
}
