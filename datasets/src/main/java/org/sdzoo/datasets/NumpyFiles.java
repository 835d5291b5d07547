package org.sdzoo.datasets;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} arrays and {@code .npz} archives, such as PyTorch
 * {@code state_dict}s saved with {@code numpy.savez(path, **{k: v.numpy() ...})}.
 *
 * <p>Supported element types: float16/32/64, int8/16/32/64, uint8/16/32/64 and bool, in
 * little-endian byte order. Arrays keep their shape and type; arrays saved by NumPy in Fortran
 * order are returned with the correct values in C order. Whole files are read into memory, so a
 * single array must be smaller than 2 GiB; an {@code .npz} entry is read only up to the size its
 * own header declares, so a compressed entry made to inflate to gigabytes is refused. A zero-size
 * array (a shape with a 0) is a valid file and is returned with its shape: whoever uses it as
 * model input refuses it (see {@code DataChecks.requireNonEmpty}).
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
    private static final Map<String, DataType> DTYPES = Map.ofEntries(
            Map.entry("f2", DataType.HALF), Map.entry("f4", DataType.FLOAT), Map.entry("f8", DataType.DOUBLE),
            Map.entry("i1", DataType.INT8), Map.entry("i2", DataType.INT16), Map.entry("i4", DataType.INT32),
            Map.entry("i8", DataType.INT64), Map.entry("u1", DataType.UINT8), Map.entry("u2", DataType.UINT16),
            Map.entry("u4", DataType.UINT32), Map.entry("u8", DataType.UINT64), Map.entry("b1", DataType.BOOL));
    /** NumPy itself refuses headers over 10,000 bytes unless told otherwise. */
    private static final int MAX_HEADER = 1 << 16;

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
        return decodeNpy(readAll(path, ".npy"), path.toString());
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
                String source = path + " entry '" + entryName + "'";
                // An entry may hold no more than its own header declares: a compressed entry that
                // inflates beyond that is refused before its bytes are kept.
                Header header;
                try (InputStream in = zip.getInputStream(entry)) {
                    header = parseHeader(in, source);
                }
                byte[] bytes = ZipEntries.read(zip, entry, header.fileBytes(), source,
                        "its header declares for shape " + Arrays.toString(header.shape()));
                arrays.put(name, decodeNpy(bytes, source));
            }
        } catch (ZipException | EOFException e) {
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
        byte[] bytes = encodeNpy(array);
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
            encoded.put(e.getKey(), encodeNpy(e.getValue()));
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

    /**
     * Encodes one array as the bytes of a {@code .npy} file (format 1.0, C order).
     *
     * @param array the array, any shape; a view is copied first
     * @return the file's bytes
     */
    public static byte[] encodeNpy(INDArray array) {
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

    /**
     * Decodes the bytes of a {@code .npy} file, checking its header in Java first: a header that
     * declares more data than the bytes hold, a negative or overflowing shape, or an unsupported
     * type is refused before ND4J's native reader sees it.
     *
     * @param bytes  the file's bytes
     * @param source the file for messages, e.g. {@code "state.npz entry 'w.npy'"}
     * @return the array, in C order, with the file's shape and element type; a zero-size array
     *         (a shape with a 0) keeps its shape
     * @throws IllegalArgumentException if the bytes are not a valid, supported {@code .npy} file
     */
    public static INDArray decodeNpy(byte[] bytes, String source) {
        Header header;
        try {
            header = parseHeader(new ByteArrayInputStream(bytes), source);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        if (header.fileBytes() > bytes.length) {
            throw notNpy(source, "it holds fewer bytes than its shape " + Arrays.toString(header.shape())
                    + " needs (truncated file)", null);
        }
        long[] shape = header.shape();
        if (header.elements() == 0) {
            // ND4J's reader turns shape (0,) into a scalar holding one value.
            return Nd4j.create(DTYPES.get(header.code()), shape);
        }
        INDArray raw;
        try {
            raw = Nd4j.createNpyFromByteArray(bytes);
        } catch (RuntimeException e) {
            throw notNpy(source, "ND4J could not read it: " + e.getMessage(), e);
        }
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

    /**
     * A parsed {@code .npy} header.
     *
     * @param code       the type without its byte order, e.g. {@code f4}
     * @param dataOffset where the data starts in the file
     * @param elements   the number of values the shape holds
     */
    private record Header(String code, boolean fortranOrder, long[] shape, int dataOffset, long elements) {

        /** @return the file size the header implies: header plus data */
        long fileBytes() {
            return dataOffset + elements * Integer.parseInt(code.substring(1));
        }
    }

    /** Reads and checks a header from the start of a {@code .npy} file, without reading its data. */
    private static Header parseHeader(InputStream in, String source) throws IOException {
        byte[] prefix = in.readNBytes(10);
        if (prefix.length < 10 || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw notNpy(source, "it does not start with the NumPy magic bytes", null);
        }
        int major = prefix[6] & 0xff;
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = (prefix[8] & 0xff) | (prefix[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            byte[] rest = in.readNBytes(2);
            if (rest.length < 2) {
                throw notNpy(source, "its header is truncated", null);
            }
            headerLength = (prefix[8] & 0xffL) | (prefix[9] & 0xffL) << 8 | (rest[0] & 0xffL) << 16
                    | (rest[1] & 0xffL) << 24;
            start = 12;
        } else {
            throw notNpy(source, "it has format version " + major + " which is unknown", null);
        }
        if (headerLength > MAX_HEADER) {
            throw notNpy(source, "its header claims " + headerLength + " bytes, more than the " + MAX_HEADER
                    + " any array's header needs", null);
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw notNpy(source, "its header is truncated", null);
        }
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shapeMatch = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw notNpy(source, "its header '" + text.strip() + "' lacks a simple descr, fortran_order or shape", null);
        }
        String type = descr.group(1);
        char order = type.isEmpty() ? '?' : type.charAt(0);
        String code = type.length() > 1 ? type.substring(1) : type;
        if (order == '>' || !(order == '<' || order == '|' || order == '=') || !DTYPES.containsKey(code)) {
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
        int width = Integer.parseInt(code.substring(1));
        long elements = 1;
        try {
            for (long d : shape) {
                if (d < 0) {
                    throw notNpy(source, "its shape " + Arrays.toString(shape) + " has a negative size", null);
                }
                elements = Math.multiplyExact(elements, d);
            }
            Math.addExact(start + headerLength, Math.multiplyExact(elements, width));
        } catch (ArithmeticException e) {
            throw notNpy(source, "its shape " + Arrays.toString(shape) + " holds more values than any file can", e);
        }
        return new Header(code, fortran.group(1).equals("True"), shape, (int) (start + headerLength), elements);
    }

    private static IllegalArgumentException notNpy(String source, String why, Throwable cause) {
        return new IllegalArgumentException(source + " is not a valid .npy file (" + why
                + "); write it with numpy.save or NumpyFiles.writeNpy.", cause);
    }
}
