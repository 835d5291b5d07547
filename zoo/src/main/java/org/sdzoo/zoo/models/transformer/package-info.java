/**
 * Transformer models: the token-to-token {@link org.sdzoo.zoo.models.transformer.Seq2SeqTransformer}
 * (architecture {@code transformer-seq2seq}) with greedy and beam decoding
 * ({@link org.sdzoo.zoo.models.transformer.Seq2SeqDecoder}), and PyTorch's own Transformer modules
 * ({@code transformer-encoder-layer}, {@code transformer-encoder}, {@code transformer}) for import
 * and prediction with PyTorch's masks.
 *
 * <p>Dimension legend: B batch, S source length, T target length, D model width ({@code d_model}),
 * H heads, V vocabulary, K beam size.
 */
package org.sdzoo.zoo.models.transformer;
