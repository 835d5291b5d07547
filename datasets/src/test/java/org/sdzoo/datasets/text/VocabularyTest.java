package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<String> CORPUS = List.of("A dog runs.", "A cat runs.", "The dog sleeps!", "A bird.");

    @Test
    void specialsComeFirstThenFrequencyThenLexicographicOrder() {
        Vocabulary v = Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 1, Vocabulary.UNLIMITED);
        // a: 3, '.': 3, dog: 2, runs: 2, then the singletons in lexicographic order
        assertEquals(List.of("<pad>", "<bos>", "<eos>", "<unk>", ".", "a", "dog", "runs", "!", "bird", "cat",
                "sleeps", "the"), v.tokens());
        assertEquals(0, v.id("<pad>"));
        assertEquals(Vocabulary.EOS, v.id("<eos>"));
    }

    @Test
    void minFrequencyAndMaxSizeCutTheRareTokens() {
        Vocabulary frequent = Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 2, Vocabulary.UNLIMITED);
        assertEquals(List.of(".", "a", "dog", "runs"), frequent.tokens().subList(4, frequent.size()));
        Vocabulary capped = Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 1, 6);
        assertEquals(6, capped.size());
        assertEquals(List.of(".", "a"), capped.tokens().subList(4, 6));
    }

    @Test
    void unknownTokensEncodeAsUnkAndDecodingStopsAtEos() {
        Vocabulary v = Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 2, Vocabulary.UNLIMITED);
        int[] ids = v.encode("A zebra runs.");
        assertArrayEquals(new int[] {v.id("a"), Vocabulary.UNK, v.id("runs"), v.id(".")}, ids);
        assertEquals(Vocabulary.UNK, v.id("zebra"));
        assertEquals("a <unk> runs .", v.decode(ids));
        int[] generated = {Vocabulary.BOS, v.id("dog"), Vocabulary.PAD, v.id("runs"), Vocabulary.EOS, v.id("a")};
        assertEquals(List.of("dog", "runs"), v.decodeTokens(generated));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {99}));
        assertTrue(e.getMessage().contains("token id 99 is outside"), e.getMessage());
    }

    @Test
    void characterVocabulariesRoundTripText() {
        Vocabulary v = Vocabulary.build(List.of("Hallo Welt", "Hello"), CharTokenizer.INSTANCE, 1, Vocabulary.UNLIMITED);
        assertEquals("Hello Welt", v.decode(v.encode("Hello  Welt")));
        assertEquals(Vocabulary.UNK, v.encode("Hz")[1]);
    }

    @Test
    void jsonRoundTripsExactly() {
        for (Tokenizer t : List.of(WordTokenizer.INSTANCE, CharTokenizer.INSTANCE)) {
            Vocabulary v = Vocabulary.build(CORPUS, t, 1, Vocabulary.UNLIMITED);
            Vocabulary back = Vocabulary.fromJson(v.toJson());
            assertEquals(v, back);
            assertEquals(t, back.tokenizer());
            assertEquals(v.toJson(), back.toJson());
        }
    }

    @Test
    void badJsonAndBadArgumentsAreOneSentenceEach() {
        assertMessage("is damaged", () -> Vocabulary.fromJson("{"));
        assertMessage("not an sdzoo vocabulary", () -> Vocabulary.fromJson("{\"tokens\": []}"));
        assertMessage("does not start with the specials", () -> Vocabulary.fromJson(
                "{\"format\":\"sdzoo-vocabulary\",\"version\":1,\"tokenizer\":\"word\",\"tokens\":[\"a\"]}"));
        assertMessage("holds 'a' twice", () -> Vocabulary.fromJson("{\"format\":\"sdzoo-vocabulary\",\"version\":1,"
                + "\"tokenizer\":\"word\",\"tokens\":[\"<pad>\",\"<bos>\",\"<eos>\",\"<unk>\",\"a\",\"a\"]}"));
        assertMessage("version 2", () -> Vocabulary.fromJson(
                "{\"format\":\"sdzoo-vocabulary\",\"version\":2,\"tokenizer\":\"word\",\"tokens\":[]}"));
        assertMessage("minFrequency must be at least 1", () -> Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 0, 10));
        assertMessage("maxSize must exceed", () -> Vocabulary.build(CORPUS, WordTokenizer.INSTANCE, 1, 4));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
