package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelCorpusTest {

    static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsPlainAndGzippedFilesAlike(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.de"), "\uFEFFEin Hund.\r\nZwei Katzen.\n");
        gzip(dir.resolve("a.en.gz"), "A dog.\nTwo cats.\n");
        ParallelCorpus c = ParallelCorpus.read("tiny", dir.resolve("a.de"), dir.resolve("a.en.gz"));
        assertEquals(List.of("Ein Hund.", "Zwei Katzen."), c.source(), "BOM and CR dropped");
        assertEquals(List.of("A dog.", "Two cats."), c.target());
        assertEquals(1, c.head(1).size());
    }

    @Test
    void mismatchedLineCountsAreOneSentence(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.de"), "a\nb\nc\n");
        Files.writeString(dir.resolve("x.en"), "a\nb\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelCorpus.read("x", dir.resolve("x.de"), dir.resolve("x.en")));
        assertEquals("x.de has 3 lines but x.en has 2: parallel files must be line-aligned (line i of one translates"
                + " line i of the other), so fix or re-export the pair", e.getMessage());
    }

    @Test
    void anEmptyLineIsNamedWithItsNumber(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.de"), "a\nb\nc\n");
        Files.writeString(dir.resolve("x.en"), "a\n  \nc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelCorpus.read("x", dir.resolve("x.de"), dir.resolve("x.en")));
        assertEquals("x.en line 2 is empty: every line of a parallel corpus needs a sentence, so delete line 2 from"
                + " both it and x.de", e.getMessage());
    }

    @Test
    void textThatIsNotUtf8OrADamagedGzipIsRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("latin1.txt"), new byte[] {'M', (byte) 0xe4, 'n', '\n'});
        IOException e = assertThrows(IOException.class, () -> TextLines.read(dir.resolve("latin1.txt")));
        assertTrue(e.getMessage().contains("is not UTF-8 text"), e.getMessage());
        Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2});
        e = assertThrows(IOException.class, () -> TextLines.read(dir.resolve("bad.gz")));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void statisticsCountTokensLengthsAndUnknowns() {
        ParallelCorpus c = new ParallelCorpus("c", List.of("a b", "a c d"), List.of("x", "x y"));
        Vocabulary src = Vocabulary.build(List.of("a b"), WordTokenizer.INSTANCE, 1, Vocabulary.UNLIMITED);
        Vocabulary tgt = Vocabulary.build(c.target(), WordTokenizer.INSTANCE, 1, Vocabulary.UNLIMITED);
        CorpusStatistics s = CorpusStatistics.of(c, src, tgt);
        assertEquals(5, s.sourceTokens());
        assertEquals(3, s.maxSourceLength());
        assertEquals(2.0 / 5, s.sourceUnknownRate(), 1e-15);
        assertEquals(0.0, s.targetUnknownRate());
        assertEquals(6, s.targetVocabularySize());
        assertTrue(s.toString().startsWith("c: 2 pairs; source 5 tokens (mean 2.5, max 3, V 6, unk 40.00%)"), s.toString());
    }

    @Test
    void encodedPairsKeepOnlySentencesWithinTheMaximumLength() {
        EncodedPairs p = new EncodedPairs(List.of(new int[] {4}, new int[] {4, 5, 6}, new int[] {4, 5}),
                List.of(new int[] {4, 5}, new int[] {4}, new int[] {4, 5, 6}));
        EncodedPairs kept = p.withMaxLength(2);
        assertEquals(1, kept.size());
        assertArrayEquals(new int[] {4, 5}, kept.target().get(0));
        assertThrows(IllegalArgumentException.class, () -> p.withMaxLength(0));
    }
}
