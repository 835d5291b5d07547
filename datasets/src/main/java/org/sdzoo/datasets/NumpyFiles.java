package org.sdzoo.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} arrays and {@code .npz} archives, such as PyTorch
 * {@code state_dict}s saved with {@code numpy.savez(path, **{k: v.numpy() ...})}.
 *
 * <p>Supported element types: float16/32/64, int8/16/32/64, uint8/16/32/64 and bool, in
 * little-endian byte order. Arrays keep their shape and type; arrays saved by NumPy in Fortran
 * order are returned with the correct values in C order. Whole files are read into memory, so a
 * single array must be smaller than 2 GiB.
 *
 * <p>Why not {@code Nd4j.createFromNpyFile} and {@code Nd4j.createFromNpzFile} directly: in ND4J
 * 1.0.0-M2.1 the first reads Fortran-order files with scrambled values, the second returns the
 * entries in no particular order and fails on {@code numpy.savez_compressed} archives, and
 * {@code Nd4j.toNpyByteArray} writes the wrong values for a view. This class parses the header
 * itself, reads zip entries with {@link ZipFile}, and copies views before writing; tests pin each
 * of these cases.
 */
public final class NumpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Set<String> TYPES = Set.of(
            "f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1");

    private NumpyFiles() {
    }

    /**
     * Reads one array from a {@code .npy} file.
     *
     * @param path the file
     * @return the array, in C order, with the file's shape and element type
     * @throws IOException              if the file does not exist or cannot be read
     * @throws IllegalArgumentException if the file is not a valid {@code .npy} file or holds an
     *                                  unsupported element type
     */
    public static INDArray readNpy(Path path) throws IOException {
        return parseNpy(readAll(path, ".npy"), path.toString());
    }

    /**
     * Reads every array of a {@code .npz} archive (written by {@code numpy.savez} or
     * {@code numpy.savez_compressed}).
     *
     * @param path the archive
     * @return the arrays by name (the entry name without {@code .npy}), in archive order
     * @throws IOException              if the file does not exist or cannot be read
     * @throws IllegalArgumentException if the file is not a zip archive or an entry is not a valid
     *                                  {@code .npy} array
     */
    public static Map<String, INDArray> readNpz(Path path) throws IOException {
        requireExists(path, ".npz");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = entry.getName();
                String name = entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                arrays.put(name, parseNpy(bytes, path + " entry '" + entryName + "'"));
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(path + " is not a valid .npz file (" + e.getMessage()
                    + "); write it with numpy.savez or NumpyFiles.writeNpz.", e);
        }
        return arrays;
    }

    /**
     * Writes one array as a {@code .npy} file (format 1.0, C order), atomically.
     *
     * @param array the array; a view is copied first
     * @param path  the file to create or replace; parent directories are created
     * @throws IOException if writing fails; no partial file is left behind
     */
    public static void writeNpy(INDArray array, Path path) throws IOException {
        if (array == null) {
            throw new IllegalArgumentException("The array to write to " + path + " is null; pass an array.");
        }
        byte[] bytes = toNpy(array);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * Writes named arrays as an uncompressed {@code .npz} archive, readable by {@code numpy.load},
     * atomically. Each array becomes the entry {@code <name>.npy}.
     *
     * @param arrays the arrays by name, written in iteration order; names must be non-blank
     * @param path   the file to create or replace; parent directories are created
     * @throws IOException if writing fails; no partial file is left behind
     */
    public static void writeNpz(Map<String, INDArray> arrays, Path path) throws IOException {
        if (arrays == null) {
            throw new IllegalArgumentException("The arrays to write to " + path + " are null; pass a map of name to array.");
        }
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("An array written to " + path + " has a blank name; give every array a name.");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("Array '" + e.getKey() + "' written to " + path + " is null; pass an array or leave the name out.");
            }
            encoded.put(e.getKey(), toNpy(e.getValue()));
        }
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                byte[] bytes = e.getValue();
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static byte[] toNpy(INDArray array) {
        INDArray contiguous = array.isView() || array.ordering() != 'c' ? array.dup('c') : array;
        return Nd4j.toNpyByteArray(contiguous);
    }

    private static void requireExists(Path path, String kind) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("The " + kind + " path is null; pass the path of the file.");
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toAbsolutePath() + " does not exist: check the path, or write the "
                    + kind + " file there first.");
        }
    }

    private static byte[] readAll(Path path, String kind) throws IOException {
        requireExists(path, kind);
        return Files.readAllBytes(path);
    }

    private static INDArray parseNpy(byte[] bytes, String source) {
        Header header = parseHeader(bytes, source);
        INDArray raw;
        try {
            raw = Nd4j.createNpyFromByteArray(bytes);
        } catch (RuntimeException e) {
            throw notNpy(source, "ND4J could not read it: " + e.getMessage(), e);
        }
        long[] shape = header.shape();
        if (!header.fortranOrder() || shape.length < 2) {
            return raw.dup('c');
        }
        long[] reversed = new long[shape.length];
        int[] axes = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            reversed[i] = shape[shape.length - 1 - i];
            axes[i] = shape.length - 1 - i;
        }
        return raw.reshape('c', reversed).permute(axes).dup('c');
    }

    private record Header(String type, boolean fortranOrder, long[] shape) {
    }

    private static Header parseHeader(byte[] bytes, String source) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw notNpy(source, "it does not start with the NumPy magic bytes", null);
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw notNpy(source, "its header is truncated", null);
            }
            headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8 | (bytes[10] & 0xff) << 16 | (bytes[11] & 0xff) << 24;
            start = 12;
        } else {
            throw notNpy(source, "it has format version " + major + " which is unknown", null);
        }
        if (headerLength < 0 || start + headerLength > bytes.length) {
            throw notNpy(source, "its header is truncated", null);
        }
        String text = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shapeMatch = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw notNpy(source, "its header '" + text.strip() + "' lacks a simple descr, fortran_order or shape", null);
        }
        String type = descr.group(1);
        char order = type.isEmpty() ? '?' : type.charAt(0);
        String code = type.length() > 1 ? type.substring(1) : type;
        if (order == '>' || !(order == '<' || order == '|' || order == '=') || !TYPES.contains(code)) {
            throw new IllegalArgumentException(source + " has NumPy dtype '" + type
                    + "' which is not supported; save it as little-endian float, int, uint or bool, for example with arr.astype('<f4').");
        }
        String dims = shapeMatch.group(1).strip();
        long[] shape;
        try {
            shape = dims.isEmpty() ? new long[0] : Arrays.stream(dims.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw notNpy(source, "its shape '(" + dims + ")' is not a list of integers", e);
        }
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        int width = Integer.parseInt(code.substring(1));
        if ((long) start + headerLength + elements * width > bytes.length) {
            throw notNpy(source, "it holds fewer bytes than its shape " + Arrays.toString(shape) + " needs (truncated file)", null);
        }
        return new Header(type, fortran.group(1).equals("True"), shape);
    }

    private static IllegalArgumentException notNpy(String source, String why, Throwable cause) {
        return new IllegalArgumentException(source + " is not a valid .npy file (" + why
                + "); write it with numpy.save or NumpyFiles.writeNpy.", cause);
    }
}
