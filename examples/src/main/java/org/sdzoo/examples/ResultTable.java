package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sdzoo.datasets.AtomicFiles;
import org.sdzoo.zoo.config.ConfigJson;

/**
 * The numbers of a run, written once into both the console table and {@code result.json}: each
 * measured number beside its reference (a paper's figure or PyTorch's), the per-epoch losses,
 * and the facts of the run. Every method adds to both, so the two cannot disagree.
 */
public final class ResultTable {

    private static final String ROW = "%-18s %-14s %s%n";

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Double> measured = new LinkedHashMap<>();
    private final Map<String, Double> references = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** Starts a table under {@code title}. */
    public ResultTable(String title) {
        text.append(title).append('\n');
    }

    /** Adds a number per epoch, printed as a column under {@code header}; JSON {@code key: [..]}. */
    public ResultTable perEpoch(String key, String header, List<Double> values) {
        text.append(String.format("%-8s %s%n", "epoch", header));
        for (int e = 0; e < values.size(); e++) {
            text.append(String.format("%-8d %.6f%n", e + 1, values.get(e)));
        }
        json.put(key, List.copyOf(values));
        return this;
    }

    /** Adds a learned or derived value, printed as {@code label: v} (a vector in brackets); JSON a number or array. */
    public ResultTable value(String key, String label, double... values) {
        text.append(label).append(": ").append(format(values)).append('\n');
        json.put(key, values.length == 1 ? (Object) values[0] : values.clone());
        return this;
    }

    /** Starts the measured-against-reference rows, with the reference column's header ("" for none). */
    public ResultTable header(String name, String referenceHeader) {
        text.append(String.format(ROW, name, "measured", referenceHeader));
        return this;
    }

    /** Adds a measured number beside its reference ({@code null}: none); JSON {@code key} and {@code reference.key}. */
    public ResultTable row(String key, double value, Double reference) {
        text.append(String.format(ROW, key, String.format("%.6f", value),
                reference == null ? "" : String.format("%.6f", reference)));
        json.put(key, value);
        measured.put(key, value);
        if (reference != null) {
            references.put(key, reference);
        }
        return this;
    }

    /** Adds a fact of the run (seed, epochs, seconds): JSON only, and one line of the table's footer. */
    public ResultTable fact(String key, Object value) {
        json.put(key, value);
        facts.put(key, value);
        return this;
    }

    /** Adds a sentence to the table only. */
    public ResultTable note(String sentence) {
        text.append(sentence).append('\n');
        return this;
    }

    /** @return the per-epoch series {@code key} ({@link #perEpoch}), if there is one */
    @SuppressWarnings("unchecked")
    public Optional<List<Double>> series(String key) {
        return json.get(key) instanceof List<?> list ? Optional.of((List<Double>) list) : Optional.empty();
    }

    /** @return every measured row by name, in order */
    public Map<String, Double> measured() {
        return java.util.Collections.unmodifiableMap(measured);
    }

    /** @return the measured number of row {@code key}, if there is one */
    public Optional<Double> measured(String key) {
        return Optional.ofNullable(measured.get(key));
    }

    /** @return the console table, ending with the facts and the directory the run wrote to */
    public String table(Path outDir) {
        StringBuilder s = new StringBuilder(text);
        List<String> footer = new ArrayList<>();
        facts.forEach((k, v) -> footer.add(k + " " + (v instanceof Double d ? String.format("%.2f", d) : v)));
        if (!footer.isEmpty()) {
            s.append(String.join(", ", footer)).append('\n');
        }
        s.append("files: ").append(outDir).append('\n');
        return s.toString();
    }

    /** @return what {@code result.json} holds */
    public Map<String, Object> json() {
        Map<String, Object> all = new LinkedHashMap<>(json);
        if (!references.isEmpty()) {
            all.put("reference", new LinkedHashMap<>(references));
        }
        return all;
    }

    /** Writes {@link #json()} atomically as pretty JSON. */
    public void write(Path file) throws IOException {
        writeJson(file, json());
    }

    /** Writes {@code values} atomically as pretty JSON: the one writer of every {@code result.json}. */
    public static void writeJson(Path file, Map<String, ?> values) throws IOException {
        AtomicFiles.writeString(file, ConfigJson.write(values) + "\n");
    }

    private static String format(double[] values) {
        if (values.length == 1) {
            return String.format("%.6f", values[0]);
        }
        List<String> s = new ArrayList<>();
        for (double v : values) {
            s.add(String.format("%.6f", v));
        }
        return "[" + String.join(", ", s) + "]";
    }
}
