package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdzoo.datasets.text.Bleu.Smoothing;

class BleuTest {

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    @Test
    void aPerfectTranslationScores100() {
        BleuScore b = Bleu.corpus(List.of(words("a cat sat on the mat")), List.of(words("a cat sat on the mat")));
        assertEquals(100.0, b.score(), 1e-12);
        assertEquals(1.0, b.brevityPenalty());
    }

    @Test
    void handComputedPrecisionsWithAndWithoutSmoothing() {
        List<List<String>> hyp = List.of(words("the cat sat on the mat"));
        List<List<String>> ref = List.of(words("the cat is on the mat"));
        // 1-grams 5/6 (sat misses), 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4 (on the mat), 4-grams 0/3
        BleuScore none = Bleu.corpus(hyp, ref, Smoothing.NONE);
        assertArrayEquals(new long[] {5, 3, 1, 0}, none.matches());
        assertArrayEquals(new long[] {6, 5, 4, 3}, none.totals());
        assertEquals(0.0, none.score(), "no 4-gram matches and no smoothing give BLEU 0");
        BleuScore exp = Bleu.corpus(hyp, ref, Smoothing.EXP);
        assertEquals(1.0 / 6, exp.precisions()[3], 1e-15, "the first zero order gets 1 / (2 * total)");
        assertEquals(100 * Math.pow(5.0 / 6 * 3 / 5 * 1 / 4 * 1 / 6, 0.25), exp.score(), 1e-12);
    }

    @Test
    void countsAreClippedByTheReference() {
        BleuScore b = Bleu.corpus(List.of(words("the the the the")), List.of(words("the cat")), Smoothing.NONE);
        assertEquals(1, b.matches()[0], "'the' counts at most once, as often as in the reference");
        assertEquals(0.25, b.precisions()[0]);
    }

    @Test
    void theBrevityPenaltyIsCorpusLevel() {
        // p1..p4 = 1; c = 4 < r = 8: BP = exp(1 - 8/4)
        BleuScore b = Bleu.corpus(List.of(words("a b c d")), List.of(words("a b c d e f g h")));
        assertEquals(Math.exp(-1), b.brevityPenalty(), 1e-15);
        assertEquals(100 * Math.exp(-1), b.score(), 1e-12);
        // Two sentences: one too short, one too long; the lengths are summed before the penalty (c = 10, r = 10).
        BleuScore corpus = Bleu.corpus(List.of(words("a b c d"), words("e f g h i j")),
                List.of(words("a b c d x y"), words("e f g h")));
        assertEquals(1.0, corpus.brevityPenalty());
        assertEquals(10, corpus.hypothesisLength());
        assertEquals(10, corpus.referenceLength());
    }

    @Test
    void emptyHypothesesScoreZero() {
        BleuScore b = Bleu.corpus(List.of(List.of()), List.of(words("a b")), Smoothing.EXP);
        assertEquals(0.0, b.score());
        assertEquals(0.0, b.brevityPenalty());
    }

    @Test
    void badCorporaAreOneSentenceEach() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of(words("a")), List.of(words("a"), words("b"))));
        assertTrue(e.getMessage().contains("1 hypotheses but 2 references"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(), List.of()));
        assertTrue(e.getMessage().contains("empty corpus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpusMultiReference(List.of(words("a")), List.of(List.of()), Smoothing.NONE));
        assertTrue(e.getMessage().contains("sentence 0 has no reference"), e.getMessage());
    }

    /** Cases and numbers from make_fixture.py, a pure-Python implementation written apart from this one. */
    @Test
    void matchesTheIndependentPythonReference() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/bleu/bleu_cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertTrue(cases.size() >= 16, "the fixture holds the random and edge cases");
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            List<List<String>> hyps = new ArrayList<>();
            c.get("hypotheses").forEach(h -> hyps.add(strings(h)));
            List<List<List<String>>> refs = new ArrayList<>();
            c.get("references").forEach(rs -> {
                List<List<String>> set = new ArrayList<>();
                rs.forEach(r -> set.add(strings(r)));
                refs.add(set);
            });
            Smoothing smoothing = c.get("smoothing").asText().equals("exp") ? Smoothing.EXP : Smoothing.NONE;
            BleuScore b = Bleu.corpusMultiReference(hyps, refs, smoothing);
            JsonNode want = c.get("expected");
            assertEquals(want.get("score").asDouble(), b.score(), 1e-9, name);
            assertEquals(want.get("bp").asDouble(), b.brevityPenalty(), 1e-12, name);
            assertEquals(want.get("hyp_len").asLong(), b.hypothesisLength(), name);
            assertEquals(want.get("ref_len").asLong(), b.referenceLength(), name);
            for (int n = 0; n < Bleu.MAX_ORDER; n++) {
                assertEquals(want.get("matches").get(n).asLong(), b.matches()[n], name + " matches " + (n + 1));
                assertEquals(want.get("totals").get(n).asLong(), b.totals()[n], name + " totals " + (n + 1));
                assertEquals(want.get("precisions").get(n).asDouble(), b.precisions()[n], 1e-12, name);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }
}
