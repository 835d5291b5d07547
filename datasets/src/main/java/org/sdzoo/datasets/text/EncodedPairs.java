package org.sdzoo.datasets.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A parallel corpus as token ids, without specials: {@link ParallelBatches} adds {@code <bos>} and
 * {@code <eos>} to the target.
 *
 * @param source each source sentence's ids
 * @param target each target sentence's ids
 */
public record EncodedPairs(List<int[]> source, List<int[]> target) {

    public EncodedPairs {
        source = List.copyOf(source);
        target = List.copyOf(target);
        if (source.size() != target.size()) {
            throw new IllegalArgumentException(source.size() + " source but " + target.size()
                    + " target sentences: encode both sides of the same corpus");
        }
    }

    /** Encodes both sides of a corpus; unknown tokens become {@link Vocabulary#UNK}. */
    public static EncodedPairs encode(ParallelCorpus corpus, Vocabulary sourceVocabulary, Vocabulary targetVocabulary) {
        List<int[]> s = new ArrayList<>(corpus.size());
        List<int[]> t = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            s.add(sourceVocabulary.encode(corpus.source().get(i)));
            t.add(targetVocabulary.encode(corpus.target().get(i)));
        }
        return new EncodedPairs(s, t);
    }

    /** @return the number of pairs */
    public int size() {
        return source.size();
    }

    /**
     * @param maxLength the most tokens a side may have (specials not counted)
     * @return the pairs whose source and target both fit, in their order
     */
    public EncodedPairs withMaxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1 but was " + maxLength
                    + ": give the most tokens a sentence may have");
        }
        List<int[]> s = new ArrayList<>();
        List<int[]> t = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (source.get(i).length <= maxLength && target.get(i).length <= maxLength) {
                s.add(source.get(i));
                t.add(target.get(i));
            }
        }
        return new EncodedPairs(s, t);
    }
}
