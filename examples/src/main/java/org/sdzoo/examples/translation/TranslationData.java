package org.sdzoo.examples.translation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.text.BatchFormat;
import org.sdzoo.datasets.text.EncodedPairs;
import org.sdzoo.datasets.text.LengthBuckets;
import org.sdzoo.datasets.text.ParallelBatches;
import org.sdzoo.datasets.text.ParallelCorpus;
import org.sdzoo.datasets.text.Vocabulary;
import org.sdzoo.examples.ExampleData;

/**
 * A translation example's data: tokenised splits, the vocabularies built on the training split
 * (saved in the model archive) and the raw test pairs that BLEU is computed on.
 *
 * @param trainPairs      training pairs, encoded and filtered by length
 * @param validationPairs validation pairs, encoded and filtered by length
 * @param test        the raw test corpus
 * @param source      the source vocabulary
 * @param target      the target vocabulary
 * @param buckets     the batches' fixed padded lengths and positions per batch
 * @param type        the model's floating-point type
 * @param description for logs and the archive
 * @param files       the files read
 */
public record TranslationData(EncodedPairs trainPairs, EncodedPairs validationPairs, ParallelCorpus test, Vocabulary source,
                              Vocabulary target, LengthBuckets buckets, DataType type, String description, List<Path> files)
        implements ExampleData {

    @Override
    public MultiDataSetIterator train(long seed) {
        return new ParallelBatches(trainPairs, buckets, true, seed, format());
    }

    @Override
    public MultiDataSetIterator validation() {
        return new ParallelBatches(validationPairs, buckets, false, 0, format());
    }

    /** Teacher-forced loss, token accuracy and perplexity on the test split. */
    @Override
    public MultiDataSetIterator evaluation() {
        return new ParallelBatches(EncodedPairs.encode(test, source, target), buckets, false, 0, format());
    }

    private BatchFormat format() {
        return BatchFormat.numericIds(type);
    }

    @Override
    public Map<String, byte[]> archiveExtras() {
        return Translator.archiveExtras(source, target);
    }
}
