package org.sdzoo.datasets.sequence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Polyphonic piano rolls (Boulanger-Lewandowski et al. 2012), the music data of the TCN paper: each
 * sequence is {@code [T_i, 88]}, 1 where a piano key sounds at that step. Read from the text form
 * in {@code poly-music/converted/<Name>.<split>.txt}: one sequence per line, steps separated by
 * {@code ;}, the sounding keys (0–87) of a step by {@code ,}, an empty step for silence.
 *
 * <table>
 *   <caption>Statistics (sequences / steps)</caption>
 *   <tr><th>data set</th><th>train</th><th>valid</th><th>test</th><th>paper TCN NLL</th></tr>
 *   <tr><td>JSB_Chorales</td><td>229 / 13807</td><td>76 / 4602</td><td>77 / 4725</td><td>8.10</td></tr>
 *   <tr><td>Nottingham</td><td>694 / 176561</td><td>173 / 45513</td><td>170 / 44463</td><td>3.07</td></tr>
 * </table>
 *
 * @param name      the data set, e.g. {@code JSB_Chorales}
 * @param sequences each {@code [T_i, 88]}, float32 0/1
 */
public record PianoRolls(String name, List<INDArray> sequences) {

    /** Piano keys, the width of a roll. */
    public static final int KEYS = 88;

    public PianoRolls {
        sequences = List.copyOf(sequences);
    }

    /** @return the total number of time steps */
    public long steps() {
        return sequences.stream().mapToLong(s -> s.size(0)).sum();
    }

    /**
     * @param dir   the {@code converted} folder
     * @param name  {@code JSB_Chorales}, {@code Nottingham}, {@code MuseData} or {@code Piano_midi}
     * @param split {@code train}, {@code valid} or {@code test}
     * @throws IllegalArgumentException naming the line and step of a key outside 0–87 or a non-number
     */
    public static PianoRolls read(Path dir, String name, String split) throws IOException {
        Path file = dir.resolve(name + "." + split + ".txt");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no piano-roll file: expected <name>.<split>.txt"
                    + " (split train, valid or test) in the poly-music 'converted' folder");
        }
        List<INDArray> sequences = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            sequences.add(parse(line, file, lineNumber));
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no sequences: it is empty or damaged");
        }
        return new PianoRolls(name, sequences);
    }

    private static INDArray parse(String line, Path file, int lineNumber) {
        String[] steps = line.split(";", -1);
        float[] roll = new float[steps.length * KEYS];
        for (int t = 0; t < steps.length; t++) {
            if (steps[t].isBlank()) {
                continue;
            }
            for (String key : steps[t].split(",")) {
                int k;
                try {
                    k = Integer.parseInt(key.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + " step " + (t + 1)
                            + ": '" + key + "' is not a key number 0-87", e);
                }
                if (k < 0 || k >= KEYS) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + " step " + (t + 1)
                            + ": key " + k + " is outside 0-87 (88 piano keys)");
                }
                roll[t * KEYS + k] = 1;
            }
        }
        return Nd4j.create(roll, new long[] {steps.length, KEYS}, 'c').castTo(DataType.FLOAT);
    }

    /**
     * Next-step prediction batches as locuslab trains them (input steps 0…T-2, targets 1…T-1),
     * padded to the longest sequence of each batch; see {@link NextStepIterator}.
     */
    public NextStepIterator nextStepIterator(int batchSize, boolean shuffle, long seed, DataType type) {
        return nextStepIterator(batchSize, shuffle, seed, type, 1);
    }

    /**
     * As {@link #nextStepIterator(int, boolean, long, DataType)}, each batch's time axis padded up to
     * a multiple of {@code lengthMultiple} (the padding is masked out of the loss).
     */
    public NextStepIterator nextStepIterator(int batchSize, boolean shuffle, long seed, DataType type,
                                             int lengthMultiple) {
        return new NextStepIterator(sequences, batchSize, shuffle, seed, type, lengthMultiple);
    }
}
