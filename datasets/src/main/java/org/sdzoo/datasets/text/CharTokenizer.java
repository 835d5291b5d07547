package org.sdzoo.datasets.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sentence into characters (Unicode code points, after NFC normalisation), keeping case:
 * runs of white space become one {@code " "} token and leading or trailing white space is dropped,
 * so {@link #join} (concatenation) gives back the normalised sentence.
 */
public final class CharTokenizer implements Tokenizer {

    /** The name in a vocabulary's JSON. */
    public static final String NAME = "char";

    /** The one instance: the tokenizer has no settings. */
    public static final CharTokenizer INSTANCE = new CharTokenizer();

    private static final String SPACE = " ";

    private CharTokenizer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).strip();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space) {
                tokens.add(new String(Character.toChars(cp)));
            } else if (!tokens.isEmpty() && !tokens.get(tokens.size() - 1).equals(SPACE)) {
                tokens.add(SPACE);
            }
            i += Character.charCount(cp);
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(SPACE)) {
            tokens.remove(tokens.size() - 1);        // trailing white space that strip() does not know, e.g. U+00A0
        }
        return tokens;
    }

    @Override
    public String join(List<String> tokens) {
        return String.join("", tokens);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
