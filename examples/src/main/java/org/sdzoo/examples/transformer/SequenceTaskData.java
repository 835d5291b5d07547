package org.sdzoo.examples.transformer;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.sequence.SequencePairs;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.transformer.TeacherForcing;

/**
 * A synthetic sequence-to-sequence task's training and test pairs, served as teacher-forcing
 * batches ({@link TeacherForcing}).
 *
 * @param train       the training pairs
 * @param test        the held-out pairs (another seed)
 * @param batchSize   sentences per training batch
 * @param padId       the padding id
 * @param type        the model's type
 * @param description e.g. {@code copy (4000 train, 500 test, length 10, vocab 11, seed 42)}
 */
public record SequenceTaskData(SequencePairs train, SequencePairs test, int batchSize, int padId, DataType type,
                               String description) implements ExampleData {

    @Override
    public MultiDataSetIterator train(long seed) {
        return batches(train, batchSize, true, seed);
    }

    @Override
    public MultiDataSetIterator evaluation() {
        return batches(test, batchSize, false, 0);
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    private MultiDataSetIterator batches(SequencePairs pairs, int size, boolean shuffle, long seed) {
        var whole = TeacherForcing.batch(pairs.src(), pairs.tgt(), padId, type);
        ArrayMultiDataSetIterator it = new ArrayMultiDataSetIterator(whole.getFeatures(), whole.getLabels(), size,
                shuffle, seed);
        it.setPreProcessor(TeacherForcing.labelsMask(padId));
        return it;
    }
}
