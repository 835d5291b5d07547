package org.sdzoo.datasets.text;

import java.util.Locale;

/**
 * What a tokenised parallel corpus looks like, for the log of a run and the docs.
 *
 * @param name                 the corpus
 * @param pairs                sentence pairs
 * @param sourceTokens         source tokens in all sentences
 * @param targetTokens         target tokens in all sentences
 * @param maxSourceLength      the longest source sentence, in tokens
 * @param maxTargetLength      the longest target sentence, in tokens
 * @param sourceVocabularySize the source vocabulary's V, specials included
 * @param targetVocabularySize the target vocabulary's V, specials included
 * @param sourceUnknownRate    the share of source tokens outside the source vocabulary
 * @param targetUnknownRate    the share of target tokens outside the target vocabulary
 */
public record CorpusStatistics(String name, int pairs, long sourceTokens, long targetTokens, int maxSourceLength,
                               int maxTargetLength, int sourceVocabularySize, int targetVocabularySize,
                               double sourceUnknownRate, double targetUnknownRate) {

    /** Tokenises and encodes the corpus once with each side's vocabulary. */
    public static CorpusStatistics of(ParallelCorpus corpus, Vocabulary source, Vocabulary target) {
        EncodedPairs encoded = EncodedPairs.encode(corpus, source, target);
        long[] s = count(encoded.source());
        long[] t = count(encoded.target());
        return new CorpusStatistics(corpus.name(), corpus.size(), s[0], t[0], (int) s[1], (int) t[1], source.size(),
                target.size(), s[0] == 0 ? 0 : (double) s[2] / s[0], t[0] == 0 ? 0 : (double) t[2] / t[0]);
    }

    /** @return tokens, longest sentence, unknown tokens */
    private static long[] count(java.util.List<int[]> sentences) {
        long[] c = new long[3];
        for (int[] ids : sentences) {
            c[0] += ids.length;
            c[1] = Math.max(c[1], ids.length);
            for (int id : ids) {
                c[2] += id == Vocabulary.UNK ? 1 : 0;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d pairs; source %d tokens (mean %.1f, max %d, V %d, unk %.2f%%);"
                        + " target %d tokens (mean %.1f, max %d, V %d, unk %.2f%%)", name, pairs, sourceTokens,
                (double) sourceTokens / pairs, maxSourceLength, sourceVocabularySize, 100 * sourceUnknownRate,
                targetTokens, (double) targetTokens / pairs, maxTargetLength, targetVocabularySize,
                100 * targetUnknownRate);
    }
}
