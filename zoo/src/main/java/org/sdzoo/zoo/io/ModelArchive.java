package org.sdzoo.zoo.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.AtomicFiles;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.datasets.ZipEntries;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.Sdzoo;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The {@code .sdz} model archive: a zip of {@code config.json} (architecture, sdzoo version,
 * config), {@code model.fb} (the SameDiff graph with its variables, FlatBuffers),
 * {@code metadata.json}, in checkpoints {@code trainer-state.json} and
 * {@code updater/<name>.npy}, and any extra files a model travels with (a vocabulary) as
 * {@code extra/<name>}. Written atomically; read with a one-sentence error for a missing,
 * truncated, foreign or newer file, and every entry read within a bound (kilobytes for the JSON,
 * the parameter's size for optimiser state), so a file made to inflate to gigabytes is refused.
 */
public final class ModelArchive {

    static final String CONFIG = "config.json";
    static final String MODEL = "model.fb";
    static final String METADATA = "metadata.json";
    static final String TRAINER_STATE = "trainer-state.json";
    static final String UPDATER_PREFIX = "updater/";
    static final String NPY = ".npy";
    static final String EXTRA_PREFIX = "extra/";
    /** An extra file (a vocabulary of 100,000 tokens is a few megabytes) is bounded as the trainer state. */
    static final long EXTRA_LIMIT = 64L << 20;

    /** config.json and metadata.json are kilobytes; a megabyte bounds them with room to spare. */
    static final long JSON_LIMIT = 1L << 20;
    /** trainer-state.json holds the history, which grows by about 200 bytes an epoch. */
    static final long TRAINER_STATE_LIMIT = 64L << 20;
    /**
     * model.fb: trained parameters compress little (~1.1x), so a multiple of the compressed size
     * bounds any real graph; the floor admits small or mostly-zero graphs such as a dense
     * adjacency constant. A hostile entry costs at most inflating this much, never the memory.
     */
    static final long GRAPH_FLOOR = 256L << 20;
    static final long GRAPH_RATIO = 32;
    /** An updater array holds at most one double per value of its parameter, plus its header. */
    static final long NPY_HEADER_LIMIT = (1L << 16) + 12;
    /** Far more entries than any model's parameters and optimiser state need. */
    static final int MAX_ENTRIES = 100_000;

    private ModelArchive() {
    }

    /** Writes {@code model} to a {@code .sdz} archive atomically, with empty metadata. */
    public static void save(Path path, ZooModel model) throws IOException {
        write(path, model, ArchiveMetadata.empty(), null);
    }

    /** Writes {@code model} and its metadata to a {@code .sdz} archive atomically. */
    public static void save(Path path, ZooModel model, ArchiveMetadata metadata) throws IOException {
        write(path, model, metadata, null);
    }

    /**
     * Writes {@code model}, its metadata and extra files to a {@code .sdz} archive atomically.
     *
     * @param extras file contents by name (letters, digits, {@code . _ -}), read back by
     *               {@link LoadedArchive#extras()}
     */
    public static void save(Path path, ZooModel model, ArchiveMetadata metadata, Map<String, byte[]> extras)
            throws IOException {
        write(path, model, metadata, null, extras);
    }

    /** Reads the model of a {@code .sdz} archive written by any compatible sdzoo (see {@link #read}). */
    public static ZooModel load(Path path) throws IOException {
        return read(path).model();
    }

    /**
     * Writes {@code model} to {@code path} atomically: a crash leaves the previous file intact.
     *
     * @param checkpoint the trainer's state to resume from, or {@code null} for a plain model
     */
    public static void write(Path path, ZooModel model, ArchiveMetadata metadata, CheckpointState checkpoint)
            throws IOException {
        write(path, model, metadata, checkpoint, Map.of());
    }

    /**
     * As {@link #write(Path, ZooModel, ArchiveMetadata, CheckpointState)}, with extra files.
     *
     * @param extras file contents by name (letters, digits, {@code . _ -}), stored as {@code extra/<name>}
     */
    public static void write(Path path, ZooModel model, ArchiveMetadata metadata, CheckpointState checkpoint,
                             Map<String, byte[]> extras) throws IOException {
        for (String name : extras.keySet()) {
            if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
                throw new IllegalArgumentException("extra archive entry '" + name + "' needs a plain file name of"
                        + " letters, digits, '.', '_' and '-', not starting with '.'");
            }
        }
        if (metadata == null) {
            throw new IllegalArgumentException("metadata is null: pass ArchiveMetadata.empty() when there is none");
        }
        byte[] graph = graphBytes(model.sameDiff());
        ObjectNode config = ConfigJson.mapper().createObjectNode();
        config.put("architecture", model.config().architecture());
        config.put("sdzooVersion", Sdzoo.version());
        config.set("config", ConfigJson.mapper().readTree(model.config().toJson()));
        AtomicFiles.write(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, CONFIG, ConfigJson.write(config).getBytes(StandardCharsets.UTF_8));
                put(zip, MODEL, graph);
                put(zip, METADATA, ConfigJson.write(metadata).getBytes(StandardCharsets.UTF_8));
                for (var e : new TreeMap<>(extras).entrySet()) {
                    put(zip, EXTRA_PREFIX + e.getKey(), e.getValue());
                }
                if (checkpoint != null) {
                    put(zip, TRAINER_STATE, checkpoint.trainerStateJson().getBytes(StandardCharsets.UTF_8));
                    for (var e : new TreeMap<>(checkpoint.updaterState()).entrySet()) {
                        put(zip, UPDATER_PREFIX + e.getKey() + NPY, NumpyFiles.encodeNpy(e.getValue()));
                    }
                }
            }
        });
    }

    private static byte[] graphBytes(SameDiff sd) {
        // In memory rather than through SameDiff.save(File): no temporary file outside the target's
        // directory, so a full /tmp cannot fail a save and every write failure names the archive.
        ByteBuffer flat = sd.asFlatBuffers(false);
        return Arrays.copyOfRange(flat.array(), flat.position(), flat.array().length);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Reads an archive. Every entry is read against a bound checked before inflating (on the size
     * the zip declares) and while inflating (the declared size may lie), so a damaged or hostile
     * file is refused in one sentence, fast and without filling the memory.
     *
     * @throws IOException              when the file is missing or unreadable
     * @throws IllegalArgumentException when it is not a complete, compatible sdzoo archive
     */
    public static LoadedArchive read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model file does not exist: check the --model path");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return read(path, zip);
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException(path + " is not a complete sdzoo model archive (" + e.getMessage()
                    + "): it is truncated, damaged or not a .sdz; save the model again or use another checkpoint", e);
        }
    }

    private static LoadedArchive read(Path path, ZipFile zip) throws IOException {
        if (zip.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(path + " has " + zip.size() + " entries, far more than any sdzoo model"
                    + " archive: the file is damaged or not a .sdz, so it is refused");
        }
        byte[] configBytes = entry(path, zip, CONFIG, JSON_LIMIT, "allowed for a config");
        ZipEntry graphEntry = zip.getEntry(MODEL);
        byte[] graphBytes = configBytes == null || graphEntry == null ? null
                : entry(path, zip, MODEL, Math.max(GRAPH_FLOOR, GRAPH_RATIO * graphEntry.getCompressedSize()),
                        "allowed for a graph of this compressed size");
        if (configBytes == null || graphBytes == null) {
            throw new IllegalArgumentException(path + " is not an sdzoo model archive: it has no "
                    + (configBytes == null ? CONFIG : MODEL) + " (expected a .sdz written by sdzoo)");
        }
        JsonNode header = json(path, CONFIG, configBytes);
        String version = text(path, header, "sdzooVersion");
        if (Sdzoo.compareMajorMinor(version, Sdzoo.version()) > 0) {
            throw new IllegalArgumentException(path + " was written by sdzoo " + version + ", newer than this sdzoo "
                    + Sdzoo.version() + ": upgrade sdzoo to read it");
        }
        Architecture architecture = Architectures.get(text(path, header, "architecture"));
        ModelConfig config;
        try {
            config = architecture.configFromJson(ConfigJson.write(header.get("config")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " has an invalid " + CONFIG + ": " + e.getMessage(), e);
        }
        SameDiff saved = graph(path, graphBytes);
        ZooModel model;
        try {
            model = architecture.restore(config, saved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        byte[] metadataBytes = entry(path, zip, METADATA, JSON_LIMIT, "allowed for metadata");
        ArchiveMetadata metadata = metadataBytes == null ? ArchiveMetadata.empty() : metadata(path, metadataBytes);
        return new LoadedArchive(model, metadata, checkpoint(path, zip, model), version, extras(path, zip));
    }

    /** @return the entry's bytes, read within {@code limit}, or {@code null} if there is none */
    private static byte[] entry(Path path, ZipFile zip, String name, long limit, String bound) throws IOException {
        ZipEntry e = zip.getEntry(name);
        return e == null ? null : ZipEntries.read(zip, e, limit, path + " entry '" + name + "'", bound);
    }

    private static JsonNode json(Path path, String entry, byte[] bytes) {
        try {
            return ConfigJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " has a damaged " + entry + " (" + e.getMessage() + ")", e);
        }
    }

    private static String text(Path path, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + ": " + CONFIG + " has no '" + field
                    + "', so it was not written by sdzoo");
        }
        return v.asText();
    }

    private static SameDiff graph(Path path, byte[] bytes) {
        try {
            return SameDiff.fromFlatBuffers(ByteBuffer.wrap(bytes), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(path + " has a damaged " + MODEL + " (" + e.getMessage()
                    + "): save the model again or use another checkpoint", e);
        }
    }

    private static ArchiveMetadata metadata(Path path, byte[] bytes) {
        try {
            return ConfigJson.mapper().readValue(bytes, ArchiveMetadata.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " has a damaged " + METADATA + " (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, byte[]> extras(Path path, ZipFile zip) throws IOException {
        Map<String, byte[]> extras = new TreeMap<>();
        for (var all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            if (name.startsWith(EXTRA_PREFIX) && name.length() > EXTRA_PREFIX.length()) {
                extras.put(name.substring(EXTRA_PREFIX.length()), entry(path, zip, name, EXTRA_LIMIT,
                        "allowed for an extra file"));
            }
        }
        return extras;
    }

    private static Optional<CheckpointState> checkpoint(Path path, ZipFile zip, ZooModel model) throws IOException {
        byte[] state = entry(path, zip, TRAINER_STATE, TRAINER_STATE_LIMIT, "allowed for a trainer state");
        if (state == null) {
            return Optional.empty();
        }
        Map<String, INDArray> updater = new LinkedHashMap<>();
        for (var all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            if (name.startsWith(UPDATER_PREFIX) && name.endsWith(NPY)) {
                String key = name.substring(UPDATER_PREFIX.length(), name.length() - NPY.length());
                byte[] npy = entry(path, zip, name, updaterLimit(model, key),
                        "its parameter's size allows");
                updater.put(key, NumpyFiles.decodeNpy(npy, path + " entry '" + name + "'"));
            }
        }
        return Optional.of(new CheckpointState(new String(state, StandardCharsets.UTF_8), updater));
    }

    /**
     * An optimiser's state for parameter {@code p} is named {@code p/m}, {@code p/v}, ...: it holds
     * at most one double per value of p. State of another name is bounded by the largest parameter.
     */
    private static long updaterLimit(ZooModel model, String key) {
        int slash = key.lastIndexOf('/');
        String parameter = slash < 0 ? key : key.substring(0, slash);
        SameDiff sd = model.sameDiff();
        List<String> names = model.parameterNames();
        long values = names.contains(parameter) ? sd.getArrForVarName(parameter).length()
                : names.stream().mapToLong(name -> sd.getArrForVarName(name).length()).max().orElse(0);
        return NPY_HEADER_LIMIT + Double.BYTES * values;
    }
}
