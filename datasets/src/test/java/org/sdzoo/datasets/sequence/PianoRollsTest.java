package org.sdzoo.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.DataDirectory;

class PianoRollsTest {

    @Test
    void readsStepsAndKeysAndBatchesNextStepPairsWithAMask(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Tiny.train.txt"), "0,87;;5\n3;4;5;6;7\n");
        PianoRolls rolls = PianoRolls.read(dir, "Tiny", "train");
        assertEquals(2, rolls.sequences().size());
        assertEquals(8, rolls.steps());
        assertArrayEquals(new long[] {3, 88}, rolls.sequences().get(0).shape());
        assertEquals(1, rolls.sequences().get(0).getDouble(0, 87));
        assertEquals(0, rolls.sequences().get(0).getRow(1).sumNumber().doubleValue(), "an empty step is silence");

        NextStepIterator it = rolls.nextStepIterator(2, false, 1, DataType.DOUBLE);
        MultiDataSet batch = it.next();
        assertFalse(it.hasNext());
        assertArrayEquals(new long[] {2, 88, 4}, batch.getFeatures(0).shape(), "[B, C, T-1], T the longest");
        assertArrayEquals(new long[] {2, 4, 88}, batch.getLabels(0).shape());
        assertArrayEquals(new double[] {1, 1, 0, 0}, batch.getLabelsMaskArray(0).getRow(0).toDoubleVector());
        assertArrayEquals(new double[] {1, 1, 1, 1}, batch.getLabelsMaskArray(0).getRow(1).toDoubleVector());
        assertEquals(1, batch.getFeatures(0).getDouble(1, 3, 0), "input step 0 of sequence 2 is key 3");
        assertEquals(1, batch.getLabels(0).getDouble(1, 0, 4), "its target is step 1, key 4");
        assertEquals(1, batch.getLabels(0).getDouble(0, 1, 5), "sequence 1's target at step 2 is key 5");
        assertEquals(0, batch.getFeatures(0).getDouble(0, 5, 2), "padding is zero");
        it.reset();
        assertTrue(it.hasNext());
    }

    @Test
    void padsTheTimeAxisToALengthMultipleWithTheMaskOverRealStepsOnly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Tiny.train.txt"), "0,87;;5\n3;4;5;6;7\n");
        PianoRolls rolls = PianoRolls.read(dir, "Tiny", "train");
        MultiDataSet exact = rolls.nextStepIterator(2, false, 1, DataType.DOUBLE).next();
        MultiDataSet padded = rolls.nextStepIterator(2, false, 1, DataType.DOUBLE, 3).next();
        assertArrayEquals(new long[] {2, 88, 6}, padded.getFeatures(0).shape(), "4 steps rounded up to 6");
        assertArrayEquals(new long[] {2, 6, 88}, padded.getLabels(0).shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 0, 0}, padded.getLabelsMaskArray(0).getRow(1).toDoubleVector());
        assertEquals(exact.getFeatures(0), padded.getFeatures(0).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 4)));
        assertEquals(0, padded.getFeatures(0).get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 6))
                .sumNumber().doubleValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rolls.nextStepIterator(2, false, 1, DataType.DOUBLE, 0));
        assertTrue(e.getMessage().contains("lengthMultiple is 0"), e.getMessage());
    }

    @Test
    void aBadKeyIsNamedByLineAndStep(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Bad.test.txt"), "1;2\n3;88\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PianoRolls.read(dir, "Bad", "test"));
        assertTrue(e.getMessage().contains("line 2 step 2: key 88 is outside 0-87"), e.getMessage());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void theRealFilesHaveTheReadmeCounts() throws IOException {
        Path dir = DataDirectory.resolve(null).resolve("poly-music").resolve("converted");
        PianoRolls train = PianoRolls.read(dir, "JSB_Chorales", "train");
        assertEquals(229, train.sequences().size());
        assertEquals(13807, train.steps());
        assertEquals(77, PianoRolls.read(dir, "JSB_Chorales", "test").sequences().size());
        PianoRolls valid = PianoRolls.read(dir, "Nottingham", "valid");
        assertEquals(173, valid.sequences().size());
        assertEquals(45513, valid.steps());
    }
}
