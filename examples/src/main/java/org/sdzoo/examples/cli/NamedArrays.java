package org.sdzoo.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.CsvTable;
import org.sdzoo.datasets.NumpyFiles;

/**
 * Arrays named on the command line as {@code NAME=FILE}, {@code NAME=FILE.npz:ARRAY} or a bare
 * {@code FILE.npz} (each array by its name), read from {@code .npy}, {@code .npz} or CSV with a header (every column, float64), and
 * written back to {@code .npz} (every array by name), {@code .npy} or CSV (one array).
 */
final class NamedArrays {

    private NamedArrays() {
    }

    /**
     * Reads every {@code NAME=FILE} of {@code specs}.
     *
     * @param flag the option, for messages
     * @param soleName the name a bare {@code .npy}/{@code .csv} file takes, or {@code null} when a name is required
     */
    static Map<String, INDArray> read(List<String> specs, String flag, String soleName) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? null : spec.substring(0, eq).strip();
            String location = eq < 0 ? spec : spec.substring(eq + 1).strip();
            // FILE.npz:ARRAY picks one array of an archive under another name.
            int colon = location.toLowerCase(Locale.ROOT).lastIndexOf(".npz:");
            String member = colon < 0 ? name : location.substring(colon + 5);
            Path file = Path.of(colon < 0 ? location : location.substring(0, colon + 4));
            if (name != null && name.isEmpty()) {
                throw new IllegalArgumentException(flag + " " + spec + " has no name before '=': write NAME=FILE");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(flag + " " + spec + ": " + file + " does not exist");
            }
            String ext = extension(file, flag, List.of(".npy", ".npz", ".csv"));
            if (ext.equals(".npz")) {
                Map<String, INDArray> all = NumpyFiles.readNpz(file);
                if (name == null) {
                    all.forEach((k, v) -> put(arrays, k, v, flag + " " + spec));
                } else if (all.containsKey(member)) {
                    put(arrays, name, all.get(member), flag + " " + spec);
                } else if (all.size() == 1 && colon < 0) {
                    put(arrays, name, all.values().iterator().next(), flag + " " + spec);
                } else {
                    throw new IllegalArgumentException(flag + " " + spec + ": " + file + " holds " + all.keySet()
                            + ", not '" + member + "': pick one as NAME=" + file + ":ARRAY, or give the file alone to"
                            + " use every array by its name");
                }
                continue;
            }
            if (name == null && soleName == null) {
                throw new IllegalArgumentException(flag + " " + spec + " needs a name: write NAME=" + file);
            }
            INDArray a = ext.equals(".npy") ? NumpyFiles.readNpy(file) : csv(file);
            put(arrays, name == null ? soleName : name, a, flag + " " + spec);
        }
        return arrays;
    }

    /** Writes {@code arrays} to {@code file}: all of them to {@code .npz}, {@code primary} alone to {@code .npy} or CSV. */
    static void write(Path file, Map<String, INDArray> arrays, String primary) throws IOException {
        String ext = extension(file, "--output", List.of(".npz", ".npy", ".csv"));
        if (ext.equals(".npz")) {
            NumpyFiles.writeNpz(arrays, file);
            return;
        }
        INDArray values = arrays.get(primary);
        if (ext.equals(".npy")) {
            NumpyFiles.writeNpy(values, file);
            return;
        }
        if (values.rank() > 2) {
            throw new IllegalArgumentException("output '" + primary + "' has rank " + values.rank()
                    + ", which a CSV table cannot hold: write --output FILE.npz or FILE.npy");
        }
        List<String> header = new ArrayList<>();
        if (values.rank() <= 1) {
            header.add(primary);
        } else {
            for (long j = 0; j < values.size(1); j++) {
                header.add(primary + "_" + j);
            }
        }
        CsvTable.write(file, header, values.rank() == 0 ? values.reshape(1) : values);
    }

    /** @return the file's extension in lower case, one of {@code allowed} */
    static String extension(Path file, String flag, List<String> allowed) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : allowed) {
            if (name.endsWith(ext)) {
                return ext;
            }
        }
        throw new IllegalArgumentException(flag + " " + file + " must end in " + String.join(", ", allowed));
    }

    private static INDArray csv(Path file) throws IOException {
        CsvTable table = CsvTable.read(file);
        return table.columns(table.header(), DataType.DOUBLE);
    }

    /** @param given the option and its value as typed, for messages */
    private static void put(Map<String, INDArray> arrays, String name, INDArray a, String given) {
        if (a.length() == 0) {
            throw new IllegalArgumentException(given + ": '" + name + "' is empty (shape "
                    + java.util.Arrays.toString(a.shape()) + "): give at least one row");
        }
        if (arrays.put(name, a) != null) {
            throw new IllegalArgumentException(given + " gives '" + name + "' a second time: give each array once");
        }
    }
}
