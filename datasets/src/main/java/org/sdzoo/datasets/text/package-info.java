/**
 * Text for sequence-to-sequence models: tokenizers, vocabularies that travel inside a model
 * archive as JSON, corpus BLEU, line-aligned parallel corpora (plain or gzipped, Multi30k) and
 * the padded, length-bucketed batches a translation model trains on.
 *
 * <p>Token ids are {@code int}s with fixed special ids ({@link org.sdzoo.datasets.text.Vocabulary#PAD}
 * 0, {@code BOS} 1, {@code EOS} 2, {@code UNK} 3). Dimension legend: B batch (sentences),
 * S source length, T target length, V vocabulary size.
 */
package org.sdzoo.datasets.text;
