package org.sdzoo.zoo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.NumpyFiles;
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
    void extraFilesTravelWithTheModel() throws IOException {
        Path file = dir.resolve("x.sdz");
        byte[] vocab = "{\"tokens\": [\"a\"]}".getBytes(StandardCharsets.UTF_8);
        ModelArchive.save(file, model(), ArchiveMetadata.empty(), Map.of("vocab-source.json", vocab));
        LoadedArchive loaded = ModelArchive.read(file);
        assertEquals(List.of("vocab-source.json"), List.copyOf(loaded.extras().keySet()));
        assertTrue(Arrays.equals(vocab, loaded.extra("vocab-source.json")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.extra("other.json"));
        assertTrue(e.getMessage().contains("no extra file 'other.json'"), e.getMessage());
        assertTrue(ModelArchive.read(saved()).extras().isEmpty());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.save(file, model(), ArchiveMetadata.empty(), Map.of("../evil", vocab)));
        assertTrue(e.getMessage().contains("plain file name"), e.getMessage());
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

    @ParameterizedTest(name = "declaring {0} bytes")
    @ValueSource(longs = {BOMB_BYTES, 100})
    void aConfigThatInflatesToGigabytesIsRefusedFastWithoutFillingTheMemory(long declared) throws IOException {
        Path file = dir.resolve("bomb.sdz");
        writeRawZip(file, List.of(RawEntry.bomb(ModelArchive.CONFIG, BOMB_BYTES, declared)));
        assertTrue(Files.size(file) < 2 << 20, "a small file: " + Files.size(file));

        long allocatedBefore = allocatedBytes();
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = allocatedBytes() - allocatedBefore;

        assertTrue(e.getMessage().startsWith(file + " entry 'config.json' " + (declared == BOMB_BYTES
                ? "would inflate to 1.1 GiB" : "inflates to more than 1.0 MiB") + ", more than the 1.0 MiB allowed for"
                + " a config: the file is damaged or made to exhaust memory, so it is refused"), e.getMessage());
        assertTrue(seconds < 2, "refused in " + seconds + " s");
        assertTrue(allocated < 32 << 20, "allocated " + allocated + " bytes");
    }

    @Test
    void aGraphThatInflatesFarBeyondItsCompressedSizeIsRefused() throws IOException {
        Path file = dir.resolve("graph-bomb.sdz");
        byte[] config;
        try (ZipFile zip = new ZipFile(saved().toFile())) {
            config = zip.getInputStream(zip.getEntry(ModelArchive.CONFIG)).readAllBytes();
        }
        writeRawZip(file, List.of(RawEntry.stored(ModelArchive.CONFIG, config),
                RawEntry.bomb(ModelArchive.MODEL, BOMB_BYTES, BOMB_BYTES)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().startsWith(file + " entry 'model.fb' would inflate to 1.1 GiB, more than the 256.0 MiB"
                + " allowed for a graph of this compressed size"), e.getMessage());
    }

    @Test
    void optimiserStateLargerThanItsParameterIsRefused() throws IOException {
        Path file = dir.resolve("ckpt.sdz");
        ModelArchive.write(file, model(), ArchiveMetadata.empty(),
                new CheckpointState("{}", Map.of(KernelRegression.W + "/m", Nd4j.zeros(1))));
        assertEquals(1, ModelArchive.read(file).checkpoint().orElseThrow().updaterState().size());

        Path big = dir.resolve("big-state.sdz");
        try (ZipFile zip = new ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(big))) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().startsWith(ModelArchive.UPDATER_PREFIX)
                        ? NumpyFiles.encodeNpy(Nd4j.zeros(DataType.DOUBLE, 1 << 20))
                        : zip.getInputStream(entry).readAllBytes());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.read(big));
        assertTrue(e.getMessage().startsWith(big + " entry 'updater/w/m.npy' would inflate to 8.0 MiB, more than the"
                + " 64.0 KiB its parameter's size allows"), e.getMessage());
    }

    private static final long BOMB_BYTES = 1100L << 20;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * A zip entry as it is stored: its name, compression method, stored bytes and the size it
     * declares, which a hostile file chooses freely.
     */
    private record RawEntry(String name, int method, byte[] data, long declaredSize, long crc) {

        static RawEntry stored(String name, byte[] content) {
            CRC32 crc = new CRC32();
            crc.update(content);
            return new RawEntry(name, ZipEntry.STORED, content, content.length, crc.getValue());
        }

        /**
         * Spaces that inflate to {@code inflated} bytes from about a thousandth of that: one MiB
         * deflated with a sync flush is a byte-aligned run of blocks that can be repeated, since
         * its back references reach only spaces; a final empty block ends the stream.
         */
        static RawEntry bomb(String name, long inflated, long declared) {
            byte[] mib = new byte[1 << 20];
            Arrays.fill(mib, (byte) ' ');
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(mib);
            byte[] block = new byte[1 << 16];
            int length = deflater.deflate(block, 0, block.length, Deflater.SYNC_FLUSH);
            deflater.end();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (long i = 0; i < inflated >> 20; i++) {
                data.write(block, 0, length);
            }
            data.write(new byte[] {3, 0}, 0, 2);
            return new RawEntry(name, ZipEntry.DEFLATED, data.toByteArray(), declared, 0);
        }
    }

    /** Writes a zip byte by byte, so that an entry may declare any size (sizes under 4 GiB). */
    private static void writeRawZip(Path file, List<RawEntry> entries) throws IOException {
        int total = entries.stream().mapToInt(e -> e.data().length + 2 * e.name().length() + 100).sum() + 22;
        ByteBuffer zip = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        int[] offsets = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            RawEntry e = entries.get(i);
            offsets[i] = zip.position();
            zip.putInt(0x04034b50);
            header(zip, e, false);
            zip.put(e.name().getBytes(StandardCharsets.UTF_8)).put(e.data());
        }
        int central = zip.position();
        for (int i = 0; i < entries.size(); i++) {
            RawEntry e = entries.get(i);
            zip.putInt(0x02014b50).putShort((short) 20);
            header(zip, e, true);
            zip.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offsets[i]);
            zip.put(e.name().getBytes(StandardCharsets.UTF_8));
        }
        int end = zip.position();
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(end - central).putInt(central).putShort((short) 0);
        Files.write(file, Arrays.copyOf(zip.array(), zip.position()));
    }

    /** The fields local and central headers share, from "version needed" to "extra length". */
    private static void header(ByteBuffer zip, RawEntry e, boolean central) {
        zip.putShort((short) 20).putShort((short) 0).putShort((short) e.method()).putShort((short) 0)
                .putShort((short) 0x21).putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.declaredSize())
                .putShort((short) e.name().length()).putShort((short) 0);
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
