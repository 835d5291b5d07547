package org.sdzoo.zoo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;

/** The archive's contract, and every damaged-file case ending in one clear sentence. */
class ModelArchiveTest {

    @TempDir
    Path dir;

    private static ZooModel model() {
        return KernelRegression.create(KernelRegressionConfig.builder().initialW(1.7).build(),
                Nd4j.createFromArray(0.0, 1.0, 2.0), Nd4j.createFromArray(1.0, 2.0, 0.5));
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("m.sdz");
        ModelArchive.save(file, model(), ArchiveMetadata.of("toy", 5, Map.of("mse", 0.25), 1.5));
        return file;
    }

    @Test
    void holdsConfigGraphAndMetadata() throws IOException {
        Path file = saved();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertTrue(zip.getEntry(ModelArchive.CONFIG) != null && zip.getEntry(ModelArchive.MODEL) != null
                    && zip.getEntry(ModelArchive.METADATA) != null);
            String config = new String(zip.getInputStream(zip.getEntry(ModelArchive.CONFIG)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(config.contains("\"architecture\" : \"kernel-regression\"") && config.contains("sdzooVersion"),
                    config);
        }
        LoadedArchive loaded = ModelArchive.read(file);
        assertEquals("toy", loaded.metadata().dataset());
        assertEquals(0.25, loaded.metadata().metrics().get("mse"));
        assertEquals(5L, loaded.metadata().seed());
        assertEquals(1.7f, loaded.model().sameDiff().getArrForVarName(KernelRegression.W).getFloat(0));
        assertTrue(loaded.checkpoint().isEmpty());
    }

    @Test
    void missingFileSaysSo() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelArchive.load(dir.resolve("none.sdz")));
        assertTrue(e.getMessage().contains("none.sdz") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedFileIsRefusedInOneSentence() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(file));
        assertTrue(e.getMessage().contains("not a complete sdzoo model archive") && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void randomBytesAreRefused() throws IOException {
        Path file = dir.resolve("noise.sdz");
        Files.write(file, "this is not a zip file at all".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(file));
        assertTrue(e.getMessage().contains("not a complete sdzoo model archive"), e.getMessage());
    }

    @Test
    void foreignZipIsRefused() throws IOException {
        Path file = dir.resolve("foreign.sdz");
        writeZip(file, Map.of("hello.txt", "hi"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(file));
        assertTrue(e.getMessage().contains("is not an sdzoo model archive: it has no config.json"), e.getMessage());
    }

    @Test
    void newerVersionAndUnknownArchitectureAreRefused() throws IOException {
        Path newer = rewriteConfig("\"sdzooVersion\" : \"[^\"]*\"", "\"sdzooVersion\" : \"99.0.0\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(newer));
        assertTrue(e.getMessage().contains("newer than this sdzoo") && e.getMessage().contains("upgrade"), e.getMessage());

        Path unknown = rewriteConfig("\"architecture\" : \"kernel-regression\"", "\"architecture\" : \"resnet\"");
        e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(unknown));
        assertTrue(e.getMessage().contains("unknown architecture 'resnet'"), e.getMessage());
    }

    @Test
    void configThatDoesNotMatchTheGraphIsRefused() throws IOException {
        Path file = rewriteConfig("\"numFeatures\" : 1", "\"numFeatures\" : 3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.load(file));
        assertTrue(e.getMessage().contains("keys"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = saved();
        byte[] before = Files.readAllBytes(file);
        ZooModel model = model();
        // A trainer state that cannot be serialised fails halfway through writing the zip.
        CheckpointState broken = new CheckpointState(null, Map.of());
        assertThrows(NullPointerException.class,
                () -> ModelArchive.write(file, model, ArchiveMetadata.empty(), broken));
        assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the old archive is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    private Path rewriteConfig(String regex, String replacement) throws IOException {
        Path original = saved();
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        Map<String, byte[]> binaries = new java.util.LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                byte[] content = zip.getInputStream(e).readAllBytes();
                if (e.getName().endsWith(".json")) {
                    texts.put(e.getName(), new String(content, StandardCharsets.UTF_8));
                } else {
                    binaries.put(e.getName(), content);
                }
            }
        }
        texts.put(ModelArchive.CONFIG, texts.get(ModelArchive.CONFIG).replaceAll(regex, replacement));
        Path file = dir.resolve("edited-" + Math.abs(regex.hashCode()) + ".sdz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : texts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (var e : binaries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return file;
    }

    private static void writeZip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
