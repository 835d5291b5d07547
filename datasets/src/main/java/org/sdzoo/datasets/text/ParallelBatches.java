package org.sdzoo.datasets.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.EpochBatches;

/**
 * Padded translation batches for teacher forcing, bucketed by length so that a batch holds
 * sentences of similar lengths and little padding.
 *
 * <p>Each batch ({@code S}, {@code T} the longest source and target + 1 of the batch, rounded up
 * to the format's length multiple), ids in
 * the {@link BatchFormat}'s id type and masks in its mask type:
 * <ul>
 *   <li>features {@code [src [B, S], tgtIn [B, T]]}: the source tokens, and {@code <bos>}
 *       followed by the target tokens;</li>
 *   <li>features masks {@code [srcMask [B, S], tgtMask [B, T]]}, 1 on tokens, 0 on padding, when
 *       the format asks for them;</li>
 *   <li>labels {@code [tgtOut [B, T]]}: the target tokens followed by {@code <eos>};</li>
 *   <li>labels mask {@code [B, T]}, 1 on the target tokens and {@code <eos>}.</li>
 * </ul>
 * Padding is {@link Vocabulary#PAD}.
 *
 * <p><b>Order.</b> Epoch e draws a permutation from {@code new Random(seed * 1_000_003L + e)},
 * stably sorts it by (source length, target length), cuts it into batches and shuffles the
 * batches with the same generator: the order is a function of (seed, epoch), so a resumed run
 * repeats it. Without shuffling the sentences go sorted by length, ties in corpus order;
 * {@link #batchRows(int)} tells which sentences each batch holds.
 *
 * <p><b>Fixed shapes.</b> Built with {@link LengthBuckets}, each pair goes to the bucket of its
 * longer side ({@link LengthBuckets#lengthFor}) and every batch of a bucket has the bucket's shape:
 * {@code S = T = L} and {@code B = positions / L} rows. A bucket's last batch, when short, is
 * filled up with copies of its own rows whose labels mask is 0, so the loss over real tokens and
 * the batch's weight are unchanged. An epoch runs the batches of one bucket consecutively: epoch
 * e shuffles each bucket's pairs, cuts them into batches, shuffles the batches within the bucket
 * and the order of the buckets, all with {@code new Random(seed * 1_000_003L + e)}. Without
 * shuffling the buckets go in increasing length, pairs in corpus order. A model compiled per
 * input shape then compiles once per bucket per epoch, and keeps one compilation alive at a time.
 */
public final class ParallelBatches extends EpochBatches {

    private static final long serialVersionUID = 1L;

    private final EncodedPairs pairs;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final BatchFormat format;
    /** fixed shapes per bucket, or null: batches of {@code batchSize} sentences padded to their longest */
    private final LengthBuckets buckets;
    private List<int[]> batches;
    private int epoch;
    private int cursor;

    /**
     * @param pairs     the encoded corpus (filter long sentences first with {@link EncodedPairs#withMaxLength})
     * @param batchSize sentences per batch
     * @param shuffle   whether the order changes with the epoch
     * @param seed      the shuffle's seed
     * @param format    the ids' and masks' types, and whether features masks are included
     */
    public ParallelBatches(EncodedPairs pairs, int batchSize, boolean shuffle, long seed, BatchFormat format) {
        this(pairs, batchSize, null, shuffle, seed, format);
    }

    /**
     * Batches of fixed shapes, one per bucket, run bucket by bucket (see the class comment).
     *
     * @param pairs   the encoded corpus
     * @param buckets the padded lengths and positions per batch; the format's length multiple is not used
     * @param shuffle whether the order changes with the epoch
     * @param seed    the shuffle's seed
     * @param format  the ids' and masks' types, and whether features masks are included
     */
    public ParallelBatches(EncodedPairs pairs, LengthBuckets buckets, boolean shuffle, long seed, BatchFormat format) {
        this(pairs, 1, requireBuckets(buckets), shuffle, seed, format);
    }

    private static LengthBuckets requireBuckets(LengthBuckets buckets) {
        if (buckets == null) {
            throw new IllegalArgumentException("buckets is null: pass LengthBuckets.of(positions, lengths...) or use"
                    + " the constructor that takes a batch size");
        }
        return buckets;
    }

    private ParallelBatches(EncodedPairs pairs, int batchSize, LengthBuckets buckets, boolean shuffle, long seed,
                            BatchFormat format) {
        if (pairs == null || pairs.size() == 0) {
            throw new IllegalArgumentException("no sentence pairs to batch: the corpus is empty or every pair is longer"
                    + " than the maximum length, so raise the maximum length");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
        }
        if (format == null) {
            throw new IllegalArgumentException("format is null: pass BatchFormat.intIds(FLOAT) or BatchFormat.numericIds(type)");
        }
        this.pairs = pairs;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.format = format;
        this.buckets = buckets;
        setEpoch(0);
    }

    /**
     * @param epoch counted from 0
     * @return the corpus rows of each batch of that epoch, in serving order
     */
    public List<int[]> batchRows(int epoch) {
        if (buckets != null) {
            return bucketRows(epoch);
        }
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> pairs.source().get(i).length)
                .thenComparingInt(i -> pairs.target().get(i).length));
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            out.add(Arrays.stream(order, start, end).mapToInt(Integer::intValue).toArray());
        }
        if (shuffle) {
            java.util.Collections.shuffle(out, random);
        }
        return out;
    }

    /** Bucket by bucket; see the class comment. */
    private List<int[]> bucketRows(int epoch) {
        java.util.TreeMap<Integer, List<Integer>> byLength = new java.util.TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byLength.computeIfAbsent(buckets.lengthFor(longerSide(i)), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        List<List<int[]>> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> bucket : byLength.entrySet()) {
            List<Integer> rows = bucket.getValue();
            if (shuffle) {
                java.util.Collections.shuffle(rows, random);
            }
            int size = buckets.batchSize(bucket.getKey());
            List<int[]> group = new ArrayList<>();
            for (int start = 0; start < rows.size(); start += size) {
                group.add(rows.subList(start, Math.min(rows.size(), start + size)).stream().mapToInt(Integer::intValue)
                        .toArray());
            }
            if (shuffle) {
                java.util.Collections.shuffle(group, random);
            }
            groups.add(group);
        }
        if (shuffle) {
            java.util.Collections.shuffle(groups, random);
        }
        List<int[]> out = new ArrayList<>();
        groups.forEach(out::addAll);
        return out;
    }

    /** @return the positions pair {@code i} needs: its source, or its target with {@code <bos>} */
    private int longerSide(int i) {
        return Math.max(pairs.source().get(i).length, pairs.target().get(i).length + 1);
    }

    /**
     * The batch of the given corpus rows, laid out as the class comment says. With buckets the
     * rows must share a bucket; a batch of fewer rows than the bucket's is filled up with copies
     * of its rows that the labels mask leaves out.
     *
     * @param rows indices into the corpus
     */
    public MultiDataSet batch(int[] rows) {
        int[] shape = shapeOf(rows);
        int b = shape[0];
        int s = shape[1];
        int t = shape[2];
        for (int r : rows) {
            if (buckets != null && buckets.lengthFor(longerSide(r)) != s) {
                throw new IllegalArgumentException("row " + r + " belongs to the bucket of length "
                        + buckets.lengthFor(longerSide(r)) + ", not " + s + ": batch rows of one bucket, as"
                        + " batchRows(epoch) gives them");
            }
        }
        int[] src = new int[b * s];
        int[] tgtIn = new int[b * t];
        int[] tgtOut = new int[b * t];
        float[] srcMask = new float[b * s];
        float[] tgtMask = new float[b * t];
        float[] labelsMask = new float[b * t];
        for (int i = 0; i < b; i++) {
            // rows past the given ones repeat them (never all padding) and count for nothing in the loss
            int[] x = pairs.source().get(rows[i % rows.length]);
            int[] y = pairs.target().get(rows[i % rows.length]);
            System.arraycopy(x, 0, src, i * s, x.length);
            Arrays.fill(srcMask, i * s, i * s + x.length, 1f);
            tgtIn[i * t] = Vocabulary.BOS;
            System.arraycopy(y, 0, tgtIn, i * t + 1, y.length);
            System.arraycopy(y, 0, tgtOut, i * t, y.length);
            tgtOut[i * t + y.length] = Vocabulary.EOS;
            Arrays.fill(tgtMask, i * t, i * t + y.length + 1, 1f);
            if (i < rows.length) {
                Arrays.fill(labelsMask, i * t, i * t + y.length + 1, 1f);
            }
        }
        INDArray lMask = Nd4j.create(labelsMask, new long[] {b, t}, 'c').castTo(format.masks());  // [B, T]
        INDArray[] featuresMasks = format.featuresMasks()
                ? new INDArray[] {Nd4j.create(srcMask, new long[] {b, s}, 'c').castTo(format.masks()),
                        Nd4j.create(tgtMask, new long[] {b, t}, 'c').castTo(format.masks())}
                : null;
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {ids(src, b, s), ids(tgtIn, b, t)},                         // [B, S], [B, T]
                new INDArray[] {ids(tgtOut, b, t)}, featuresMasks, new INDArray[] {lMask}); // [B, T]
        preProcessed(batch);
        return batch;
    }

    private static int roundUp(int length, int multiple) {
        return (length + multiple - 1) / multiple * multiple;
    }

    private INDArray ids(int[] values, int rows, int columns) {
        INDArray a = Nd4j.create(values, new long[] {rows, columns}, DataType.INT32);
        return format.ids() == DataType.INT32 ? a : a.castTo(format.ids());
    }

    /** @return the number of sentence pairs */
    public int numExamples() {
        return pairs.size();
    }

    /** @return batches per epoch */
    public int batchesPerEpoch() {
        return buckets != null ? batchRows(0).size() : (pairs.size() + batchSize - 1) / batchSize;
    }

    /** @return the distinct batch shapes {@code {B, S, T}} of an epoch, by increasing S, T and B (the same every epoch with buckets) */
    public List<int[]> shapes() {
        java.util.TreeMap<String, int[]> out = new java.util.TreeMap<>();
        for (int[] rows : batchRows(0)) {
            int[] shape = shapeOf(rows);
            out.put(String.format("%09d %09d %09d", shape[1], shape[2], shape[0]), shape);
        }
        return new ArrayList<>(out.values());
    }

    /** @return {@code {B, S, T}} of the batch of these rows */
    private int[] shapeOf(int[] rows) {
        int s = 1;
        int t = 1;
        for (int r : rows) {
            s = Math.max(s, pairs.source().get(r).length);
            t = Math.max(t, pairs.target().get(r).length + 1);
        }
        if (buckets == null) {
            return new int[] {rows.length, roundUp(s, format.lengthMultiple()), roundUp(t, format.lengthMultiple())};
        }
        int length = buckets.lengthFor(Math.max(s, t));
        return new int[] {Math.max(rows.length, buckets.batchSize(length)), length, length};
    }

    @Override
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch is " + epoch + "; epochs count from 0");
        }
        this.epoch = epoch;
        this.batches = batchRows(epoch);
        this.cursor = 0;
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches: call reset() or setEpoch(int)");
        }
        return batch(batches.get(cursor++));
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batches are sized by the constructor's batchSize: call next()");
    }

    /** Rewinds; after a served batch, to the next epoch's order. */
    @Override
    public void reset() {
        setEpoch(cursor > 0 ? epoch + 1 : epoch);
    }
}
