package org.sdzoo.datasets.text;

import java.util.List;

/**
 * Splits a sentence into tokens and joins tokens back into text. A vocabulary records its
 * tokenizer by {@link #name()}, so a model archive decodes with the tokenizer it was trained with.
 */
public sealed interface Tokenizer permits WordTokenizer, CharTokenizer {

    /** @return the name stored in a vocabulary's JSON: {@value WordTokenizer#NAME} or {@value CharTokenizer#NAME} */
    String name();

    /**
     * @param text a sentence
     * @return its tokens, none for blank text
     */
    List<String> tokenize(String text);

    /**
     * @param tokens tokens this tokenizer produced
     * @return readable text (for a word tokenizer, not byte-identical to the original: see there)
     */
    String join(List<String> tokens);

    /**
     * @param name {@value WordTokenizer#NAME} or {@value CharTokenizer#NAME}
     * @return that tokenizer
     * @throws IllegalArgumentException for any other name
     */
    static Tokenizer named(String name) {
        if (WordTokenizer.NAME.equals(name)) {
            return WordTokenizer.INSTANCE;
        }
        if (CharTokenizer.NAME.equals(name)) {
            return CharTokenizer.INSTANCE;
        }
        throw new IllegalArgumentException("unknown tokenizer '" + name + "': use '" + WordTokenizer.NAME + "' or '"
                + CharTokenizer.NAME + "'");
    }
}
