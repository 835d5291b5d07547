package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.text.BatchFormat;
import org.sdzoo.datasets.text.EncodedPairs;
import org.sdzoo.datasets.text.ParallelBatches;
import org.sdzoo.datasets.text.ParallelCorpus;
import org.sdzoo.datasets.text.Vocabulary;
import org.sdzoo.datasets.text.WordTokenizer;
import org.sdzoo.examples.cli.SdzooCliTest.Run;
import org.sdzoo.examples.translation.Translator;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TransformerConfig;
import org.sdzoo.zoo.task.TokenTask;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/** {@code sdzoo translate} on a tiny model trained in the test until it translates its two sentences. */
class TranslateCommandTest {

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainATinyTranslator() throws IOException {
        model = tinyTranslator("tiny.sdz", 1);
    }

    /** @param targetMinFrequency 2 makes every English word but "a" and "." unknown */
    private static Path tinyTranslator(String name, int targetMinFrequency) throws IOException {
        ParallelCorpus corpus = new ParallelCorpus("tiny", List.of("Ein Hund.", "Eine Katze schläft."),
                List.of("A dog.", "A cat sleeps."));
        Vocabulary de = Vocabulary.build(corpus.source(), WordTokenizer.INSTANCE, 1, Vocabulary.UNLIMITED);
        Vocabulary en = Vocabulary.build(corpus.target(), WordTokenizer.INSTANCE, targetMinFrequency, Vocabulary.UNLIMITED);
        TransformerConfig config = TransformerConfig.builder().srcVocabSize(de.size()).tgtVocabSize(en.size())
                .dModel(16).numHeads(2).dimFeedforward(32).layers(1).dropout(0).maxLen(8).padId(Vocabulary.PAD)
                .seed(3).precision(Precision.FLOAT32).build();
        ZooModel m = Seq2SeqTransformer.create(config);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().learningRate(3e-2).seed(1).build())
                .build().session(m, new TokenTask(en.size(), 0));
        MultiDataSet batch = new ParallelBatches(EncodedPairs.encode(corpus, de, en), 2, false, 0,
                BatchFormat.numericIds(DataType.FLOAT)).next();
        for (int i = 0; i < 60; i++) {
            session.step(batch);
        }
        Path path = dir.resolve(name);
        ModelArchive.save(path, m, ArchiveMetadata.empty(), Translator.archiveExtras(de, en));
        return path;
    }

    /** {@code translate --reference} of {@code german} (written to NAME.de) against {@code english} (NAME.en). */
    private static Run translateWithReference(Path translator, String name, String german, String english)
            throws IOException {
        Path input = dir.resolve(name + ".de");
        Files.writeString(input, german);
        Path reference = dir.resolve(name + ".en");
        Files.writeString(reference, english);
        return SdzooCliTest.sdzoo("translate", "--model", translator.toString(), "--input", input.toString(),
                "--reference", reference.toString());
    }

    @Test
    void bleuScoresTheGeneratedTokensSoAnUnkIsOneToken() throws IOException {
        Run r = translateWithReference(tinyTranslator("unk.sdz", 2), "dog", "Ein Hund.\n", "A dog.\n");
        assertEquals(0, r.exit(), r.err());
        assertEquals("a <unk> .\n", r.out());
        // three generated tokens, not five ('<', 'unk', '>' from re-tokenising the printed line)
        assertTrue(r.err().contains("hyp_len = 3"), r.err());
    }

    @Test
    void translatesEachLineAndKeepsBlankLinesInPlace() throws IOException {
        Run greedy = translateWithReference(model, "in", "Ein Hund.\n\nEine Katze schläft.\n",
                "A dog.\n\nA cat sleeps.\n");
        Path input = dir.resolve("in.de");
        assertEquals(0, greedy.exit(), greedy.err());
        assertEquals("a dog .\n\na cat sleeps .\n", greedy.out());
        assertTrue(greedy.err().contains("1 blank input line left blank"), greedy.err());
        assertTrue(greedy.err().contains("BLEU = 100.00"), greedy.err());
        Run beam = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", input.toString(),
                "--beam", "3");
        assertEquals(greedy.out(), beam.out(), beam.err());
    }

    @Test
    void unknownWordsBecomeUnkAndStillTranslate() throws IOException {
        Path input = dir.resolve("unk.de");
        Files.writeString(input, "Ein Zebra.\n");
        Run r = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", input.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count());
    }

    @Test
    void badInputIsOneSentenceEach() throws IOException {
        Path input = dir.resolve("one.de");
        Files.writeString(input, "Ein Hund.\n");
        Run beam = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", input.toString(),
                "--beam", "0");
        assertEquals(2, beam.exit());
        assertTrue(beam.err().contains("--beam must be at least 1"), beam.err());
        Run missing = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", "none.de");
        assertTrue(missing.err().contains("--input none.de does not exist"), missing.err());
        Path longLine = dir.resolve("long.de");
        Files.writeString(longLine, "ein hund ein hund ein hund ein hund ein hund\n");
        Run tooLong = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", longLine.toString());
        assertTrue(tooLong.err().contains("sentence 1 has 10 tokens, more than the 8"), tooLong.err());
        Path twoRefs = dir.resolve("two.en");
        Files.writeString(twoRefs, "a\nb\n");
        Run mismatch = SdzooCliTest.sdzoo("translate", "--model", model.toString(), "--input", input.toString(),
                "--reference", twoRefs.toString());
        assertTrue(mismatch.err().contains("--reference has 2 lines but the input has 1"), mismatch.err());
        Path bare = dir.resolve("bare.sdz");
        ModelArchive.save(bare, ModelArchive.load(model));
        Run noVocab = SdzooCliTest.sdzoo("translate", "--model", bare.toString(), "--input", input.toString());
        assertTrue(noVocab.err().contains("holds no vocabularies"), noVocab.err());
        assertTrue(SdzooCliTest.sdzoo("translate", "--help").out().replaceAll("\\s+", " ")
                .contains("a blank input line gives a blank output"));
    }
}
