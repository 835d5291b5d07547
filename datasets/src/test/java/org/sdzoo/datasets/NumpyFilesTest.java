package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fixtures in src/test/resources/org/sdzoo/datasets/numpy are made by make_fixtures.py there. */
class NumpyFilesTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NumpyFilesTest.class.getResource("numpy/" + name).toURI());
    }

    @Test
    void readsNumpyWrittenNpy() throws Exception {
        INDArray f32 = NumpyFiles.readNpy(fixture("f32_2x3.npy"));
        assertEquals(DataType.FLOAT, f32.dataType());
        assertEquals(Nd4j.createFromArray(new float[][] {{0f, 0.25f, 0.5f}, {0.75f, 1f, 1.25f}}), f32);

        INDArray i64 = NumpyFiles.readNpy(fixture("i64_vec.npy"));
        assertEquals(DataType.INT64, i64.dataType());
        assertArrayEquals(new long[] {-3, 0, 7, 1L << 40}, i64.toLongVector());
    }

    @Test
    void fortranOrderFileKeepsItsValues() throws Exception {
        INDArray a = NumpyFiles.readNpy(fixture("f64_fortran.npy"));
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 2}, {3, 4, 5}}), a);
    }

    @Test
    void readsNpzInArchiveOrderWithTypes() throws Exception {
        Map<String, INDArray> m = NumpyFiles.readNpz(fixture("mixed.npz"));
        assertEquals(List.of("weight", "bias", "count", "steps"), new ArrayList<>(m.keySet()));
        assertEquals(DataType.FLOAT, m.get("weight").dataType());
        assertArrayEquals(new long[] {3, 2}, m.get("weight").shape());
        assertEquals(-1.5f, m.get("weight").getFloat(0, 0));
        assertEquals(DataType.DOUBLE, m.get("bias").dataType());
        assertEquals(DataType.INT32, m.get("count").dataType());
        assertArrayEquals(new long[] {1}, m.get("count").shape());
        assertEquals(DataType.INT64, m.get("steps").dataType());
    }

    @Test
    void readsCompressedNpz() throws Exception {
        INDArray a = NumpyFiles.readNpz(fixture("compressed.npz")).get("a");
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f}, a.toFloatVector());
    }

    @Test
    void npyRoundTripKeepsTypeShapeAndValues() throws IOException {
        for (INDArray a : samples()) {
            Path p = dir.resolve("a.npy");
            NumpyFiles.writeNpy(a, p);
            INDArray back = NumpyFiles.readNpy(p);
            assertEquals(a.dataType(), back.dataType());
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(a, back);
        }
    }

    @Test
    void viewIsWrittenWithItsOwnValues() throws IOException {
        INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Path p = dir.resolve("col.npy");
        NumpyFiles.writeNpy(m.getColumn(1), p);
        assertArrayEquals(new double[] {2, 5}, NumpyFiles.readNpy(p).toDoubleVector());
    }

    @Test
    void npzRoundTripKeepsNamesOrderAndTypes() throws IOException {
        Map<String, INDArray> arrays = named(samples());
        Path p = dir.resolve("sub/state.npz");
        NumpyFiles.writeNpz(arrays, p);
        Map<String, INDArray> back = NumpyFiles.readNpz(p);
        assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(back.keySet()));
        for (String k : arrays.keySet()) {
            assertEquals(arrays.get(k).dataType(), back.get(k).dataType(), k);
            assertEquals(arrays.get(k), back.get(k), k);
        }
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(List.of(p), files.toList(), "only the archive, no temporary file");
        }
    }

    @Test
    void numpyReadsOurNpz() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3");
        Path p = dir.resolve("ours.npz");
        NumpyFiles.writeNpz(named(samples()), p);
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "print(','.join(f'{k}:{z[k].dtype}:{z[k].shape}:{float(z[k].sum()):g}' for k in z.files))\n";
        Process proc = new ProcessBuilder(PYTHON.toString(), "-c", script, p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "needs numpy");
        assertEquals(0, proc.exitValue(), out);
        assertEquals("f32:float32:(2, 3):21,f64:float64:(4,):10,i32:int32:(1,):7,i64:int64:(2, 1):-3", out);
    }

    @Test
    void missingFileSaysCheckThePath() {
        Path p = dir.resolve("absent.npy");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> NumpyFiles.readNpy(p));
        assertTrue(e.getMessage().contains("absent.npy does not exist: check the path"), e.getMessage());
        NoSuchFileException z = assertThrows(NoSuchFileException.class, () -> NumpyFiles.readNpz(dir.resolve("absent.npz")));
        assertTrue(z.getMessage().contains("absent.npz does not exist"), z.getMessage());
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        Path npy = dir.resolve("text.npy");
        Files.writeString(npy, "hello world, not numpy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpy(npy));
        assertTrue(e.getMessage().contains("text.npy is not a valid .npy file") && e.getMessage().contains("numpy.save"),
                e.getMessage());

        Path truncated = dir.resolve("cut.npy");
        NumpyFiles.writeNpy(Nd4j.linspace(1, 100, 100, DataType.DOUBLE), truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpy(truncated));
        assertTrue(cut.getMessage().contains("cut.npy") && cut.getMessage().contains("truncated"), cut.getMessage());

        Path npz = dir.resolve("text.npz");
        Files.writeString(npz, "not a zip");
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpz(npz));
        assertTrue(z.getMessage().contains("text.npz is not a valid .npz file") && z.getMessage().contains("numpy.savez"),
                z.getMessage());
    }

    @Test
    void bigEndianDtypeIsRejectedWithFix() throws IOException {
        byte[] bytes = npy(">f4", new long[] {1}, new byte[4]);
        Path p = dir.resolve("big.npy");
        Files.write(p, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpy(p));
        assertTrue(e.getMessage().contains("'>f4'") && e.getMessage().contains("astype"), e.getMessage());
    }

    @Test
    void zeroSizeArraysKeepTheirShape() throws IOException {
        // ND4J's own reader turns shape (0,) into a scalar holding one value.
        for (long[] shape : List.of(new long[] {0}, new long[] {0, 1}, new long[] {3, 0})) {
            Path p = dir.resolve("empty.npy");
            Files.write(p, npy("<f4", shape, new byte[0]));
            INDArray a = NumpyFiles.readNpy(p);
            assertArrayEquals(shape, a.shape());
            assertEquals(DataType.FLOAT, a.dataType());
            assertEquals(0, a.length());
        }
    }

    @Test
    void negativeAndOverflowingShapesAreRefusedBeforeNd4jSeesThem() throws IOException {
        Path negative = dir.resolve("negative.npy");
        Files.write(negative, npy("<f4", new long[] {-4}, new byte[16]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpy(negative));
        assertTrue(e.getMessage().contains("negative size"), e.getMessage());

        Path huge = dir.resolve("huge.npy");
        Files.write(huge, npy("<f8", new long[] {1L << 40, 1L << 40}, new byte[16]));
        e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpy(huge));
        assertTrue(e.getMessage().contains("holds more values than any file can"), e.getMessage());
    }

    @Test
    void npzEntryLargerThanItsHeaderDeclaresIsRefusedWithoutKeepingIt() throws IOException {
        // A header for 2 floats followed by 8 MiB: deflated, a few kilobytes that inflate far
        // beyond what the shape needs.
        byte[] entry = npy("<f4", new long[] {2}, new byte[8 << 20]);
        Path npz = dir.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            zip.write(entry);
        }
        assertTrue(Files.size(npz) < 64 * 1024, "the archive is small: " + Files.size(npz));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.readNpz(npz));
        assertTrue(e.getMessage().startsWith(npz + " entry 'w.npy' would inflate to 8.0 MiB, more than the 136 bytes"
                + " its header declares for shape [2]"), e.getMessage());
    }

    /** The bytes of a .npy file (format 1.0) with the given header fields and data. */
    private static byte[] npy(String descr, long[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        String padded = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
        byte[] head = padded.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + head.length + data.length];
        bytes[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, bytes, 1, 5);
        bytes[6] = 1;
        bytes[8] = (byte) head.length;
        System.arraycopy(head, 0, bytes, 10, head.length);
        System.arraycopy(data, 0, bytes, 10 + head.length, data.length);
        return bytes;
    }

    @Test
    void failedWriteLeavesNoFile() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("ok", Nd4j.ones(2));
        arrays.put(" ", Nd4j.ones(2));
        Path p = dir.resolve("bad.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumpyFiles.writeNpz(arrays, p));
        assertTrue(e.getMessage().contains("blank name"), e.getMessage());
        assertFalse(Files.exists(p));
    }

    private static List<INDArray> samples() {
        return List.of(
                Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}),
                Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0),
                Nd4j.createFromArray(new int[] {7}),
                Nd4j.createFromArray(new long[][] {{-1L << 40}, {(1L << 40) - 3}}));
    }

    private static Map<String, INDArray> named(List<INDArray> arrays) {
        String[] names = {"f32", "f64", "i32", "i64"};
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], arrays.get(i));
        }
        return m;
    }
}
