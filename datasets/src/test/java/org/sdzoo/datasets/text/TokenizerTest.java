package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void wordsAreLowerCasedAndPunctuationIsSplitOff() {
        assertEquals(List.of("two", "young", ",", "white", "males", "are", "outside", "near", "many", "bushes", "."),
                WordTokenizer.INSTANCE.tokenize("Two young, White males are outside near many bushes."));
        assertEquals(List.of("ein", "mädchen", "im", "t", "-", "shirt", "(", "größe", "3", ")", "!"),
                WordTokenizer.INSTANCE.tokenize("  Ein Mädchen im\tT-Shirt (Größe 3)!  "));
        assertEquals(List.of(), WordTokenizer.INSTANCE.tokenize(" \t "));
    }

    @Test
    void composedAndDecomposedUmlautsGiveOneToken() {
        assertEquals(WordTokenizer.INSTANCE.tokenize("M\u00e4nner"), WordTokenizer.INSTANCE.tokenize("Ma\u0308nner"));
        assertEquals(List.of("männer"), WordTokenizer.INSTANCE.tokenize("Ma\u0308nner"));
    }

    @Test
    void charactersKeepCaseAndCollapseWhiteSpace() {
        List<String> tokens = CharTokenizer.INSTANCE.tokenize("  Ab \t c\u00a0");
        assertEquals(List.of("A", "b", " ", "c"), tokens);
        assertEquals("Ab c", CharTokenizer.INSTANCE.join(tokens));
        assertEquals(List.of("\uD83D\uDE00", "x"), CharTokenizer.INSTANCE.tokenize("\uD83D\uDE00x"),
                "a code point outside the BMP is one token");
    }

    @Test
    void tokenizersAreFoundByName() {
        assertSame(WordTokenizer.INSTANCE, Tokenizer.named("word"));
        assertSame(CharTokenizer.INSTANCE, Tokenizer.named("char"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.named("bpe"));
        assertTrue(e.getMessage().contains("unknown tokenizer 'bpe'"), e.getMessage());
    }
}
