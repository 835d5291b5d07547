package org.sdzoo.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class Seq2SeqSyntheticTasksTest {

    @Test
    void targetsAreBosAnswerEosThenPadding() {
        for (SyntheticSequences.Task task : SyntheticSequences.Task.values()) {
            SequencePairs p = SyntheticSequences.generate(task, 50, 2, 6, 11, 7, DataType.DOUBLE);
            assertArrayEquals(new long[] {50, 6}, p.src().shape());
            assertArrayEquals(new long[] {50, 8}, p.tgt().shape());
            for (int n = 0; n < 50; n++) {
                double[] src = p.src().getRow(n).toDoubleVector();
                double[] tgt = p.tgt().getRow(n).toDoubleVector();
                int length = 0;
                while (length < src.length && src[length] != SyntheticSequences.PAD) {
                    length++;
                }
                int[] seq = new int[length];
                for (int i = 0; i < length; i++) {
                    seq[i] = (int) src[i];
                    assertEquals(true, seq[i] >= SyntheticSequences.FIRST_SYMBOL && seq[i] < 11);
                }
                int[] answer = SyntheticSequences.answer(task, seq);
                assertEquals(SyntheticSequences.BOS, tgt[0]);
                for (int i = 0; i < length; i++) {
                    assertEquals(answer[i], tgt[i + 1]);
                }
                assertEquals(SyntheticSequences.EOS, tgt[length + 1]);
            }
        }
    }

    @Test
    void answersAndSeeds() {
        assertArrayEquals(new int[] {5, 4, 3}, SyntheticSequences.answer(SyntheticSequences.Task.REVERSE, new int[] {3, 4, 5}));
        assertArrayEquals(new int[] {3, 4, 5}, SyntheticSequences.answer(SyntheticSequences.Task.SORT, new int[] {5, 3, 4}));
        assertEquals(SyntheticSequences.generate(SyntheticSequences.Task.COPY, 5, 3, 3, 11, 1, DataType.FLOAT).src(),
                SyntheticSequences.generate(SyntheticSequences.Task.COPY, 5, 3, 3, 11, 1, DataType.FLOAT).src());
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticSequences.generate(SyntheticSequences.Task.COPY, 5, 3, 2, 11, 1, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticSequences.generate(SyntheticSequences.Task.COPY, 5, 3, 3, 4, 1, DataType.FLOAT));
    }
}
