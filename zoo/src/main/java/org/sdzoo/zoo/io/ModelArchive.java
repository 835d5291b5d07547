package org.sdzoo.zoo.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.AtomicFiles;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.Sdzoo;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The {@code .sdz} model archive: a zip of {@code config.json} (architecture, sdzoo version,
 * config), {@code model.fb} (the SameDiff graph with its variables, FlatBuffers),
 * {@code metadata.json}, and in checkpoints {@code trainer-state.json} and
 * {@code updater/<name>.npy}. Written atomically; read with a one-sentence error for a missing,
 * truncated, foreign or newer file.
 */
public final class ModelArchive {

    static final String CONFIG = "config.json";
    static final String MODEL = "model.fb";
    static final String METADATA = "metadata.json";
    static final String TRAINER_STATE = "trainer-state.json";
    static final String UPDATER_PREFIX = "updater/";
    static final String NPY = ".npy";

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
                if (checkpoint != null) {
                    put(zip, TRAINER_STATE, checkpoint.trainerStateJson().getBytes(StandardCharsets.UTF_8));
                    for (var e : new TreeMap<>(checkpoint.updaterState()).entrySet()) {
                        put(zip, UPDATER_PREFIX + e.getKey() + NPY, Nd4j.toNpyByteArray(e.getValue()));
                    }
                }
            }
        });
    }

    private static byte[] graphBytes(SameDiff sd) throws IOException {
        File tmp = File.createTempFile("sdzoo-graph", ".fb");
        try {
            sd.save(tmp, false);
            return Files.readAllBytes(tmp.toPath());
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Reads an archive.
     *
     * @throws IOException              when the file is missing or unreadable
     * @throws IllegalArgumentException when it is not a complete, compatible sdzoo archive
     */
    public static LoadedArchive read(Path path) throws IOException {
        Map<String, byte[]> entries = entries(path);
        byte[] configBytes = entries.get(CONFIG);
        byte[] graphBytes = entries.get(MODEL);
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
        ArchiveMetadata metadata = entries.containsKey(METADATA)
                ? metadata(path, entries.get(METADATA)) : ArchiveMetadata.empty();
        return new LoadedArchive(model, metadata, checkpoint(entries), version);
    }

    private static Map<String, byte[]> entries(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "model file does not exist: check the --model path");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(path + " is not a complete sdzoo model archive (" + e.getMessage()
                    + "): it is truncated, damaged or not a .sdz; save the model again or use another checkpoint", e);
        }
        return entries;
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

    private static SameDiff graph(Path path, byte[] bytes) throws IOException {
        File tmp = File.createTempFile("sdzoo-graph", ".fb");
        try {
            Files.write(tmp.toPath(), bytes);
            return SameDiff.load(tmp, false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + " has a damaged " + MODEL + " (" + e.getMessage()
                    + "): save the model again or use another checkpoint", e);
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
    }

    private static ArchiveMetadata metadata(Path path, byte[] bytes) {
        try {
            return ConfigJson.mapper().readValue(bytes, ArchiveMetadata.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + " has a damaged " + METADATA + " (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<CheckpointState> checkpoint(Map<String, byte[]> entries) {
        byte[] state = entries.get(TRAINER_STATE);
        if (state == null) {
            return Optional.empty();
        }
        Map<String, INDArray> updater = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(UPDATER_PREFIX) && name.endsWith(NPY)) {
                updater.put(name.substring(UPDATER_PREFIX.length(), name.length() - NPY.length()),
                        Nd4j.createNpyFromByteArray(e.getValue()));
            }
        }
        return Optional.of(new CheckpointState(new String(state, StandardCharsets.UTF_8), updater));
    }
}
