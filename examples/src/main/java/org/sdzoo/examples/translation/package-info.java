/**
 * Machine translation with the sequence-to-sequence Transformer: the {@code transformer-multi30k}
 * example (German to English, BLEU on test2016) and the {@link org.sdzoo.examples.translation.Translator}
 * that {@code sdzoo translate} runs, which reads its vocabularies from the model archive.
 */
package org.sdzoo.examples.translation;
