package org.sdzoo.datasets.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lower-cases a sentence and splits it into words and punctuation: a token is a maximal run of
 * letters, combining marks and digits (any script, so German umlauts and ß stay inside words), or
 * one character that is neither such a character nor white space ({@code "T-shirt,"} becomes
 * {@code t - shirt ,}). Text is NFC-normalised first, so a composed and a decomposed "ü" give the
 * same token. {@link #join} puts one space between tokens: BLEU is computed on these tokens, as
 * the tokenised Multi30k results it is compared with were.
 */
public final class WordTokenizer implements Tokenizer {

    /** The name in a vocabulary's JSON. */
    public static final String NAME = "word";

    /** The one instance: the tokenizer has no settings. */
    public static final WordTokenizer INSTANCE = new WordTokenizer();

    private WordTokenizer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int wordStart = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWordChar(cp)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else {
                if (wordStart >= 0) {
                    tokens.add(s.substring(wordStart, i));
                    wordStart = -1;
                }
                if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                    tokens.add(s.substring(i, next));
                }
            }
            i = next;
        }
        if (wordStart >= 0) {
            tokens.add(s.substring(wordStart));
        }
        return tokens;
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    @Override
    public String join(List<String> tokens) {
        return String.join(" ", tokens);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
