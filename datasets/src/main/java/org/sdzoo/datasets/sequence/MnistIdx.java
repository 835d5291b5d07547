package org.sdzoo.datasets.sequence;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST's IDX files (LeCun's format, gzipped or not): a big-endian header (magic 2051 for
 * images with count, rows, columns; 2049 for labels with count), then one unsigned byte per pixel
 * or label.
 */
public final class MnistIdx {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    /**
     * @param pixels {@code count × rows × cols} values 0–255, row-major per image
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private MnistIdx() {
    }

    /** @throws IllegalArgumentException when the file is not an IDX image file or is cut short */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, IMAGES_MAGIC, "images");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException(file + ": the IDX header says " + count + " images of " + rows + "x"
                        + cols + ": the file is damaged");
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            readFully(in, pixels, file);
            return new Images(count, rows, cols, pixels);
        }
    }

    /** @return labels 0–9 */
    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, LABELS_MAGIC, "labels");
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalArgumentException(file + ": the IDX header says " + count + " labels: it is damaged");
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no MNIST IDX file here: point the data directory at"
                    + " a folder holding train-images-idx3-ubyte.gz and the other three files");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void readMagic(DataInputStream in, Path file, int expected, String what) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is too short to be an IDX file", e);
        }
        if (magic != expected) {
            throw new IllegalArgumentException(file + " starts with " + magic + ", not " + expected + " (IDX " + what
                    + "): it is not an MNIST " + what + " file");
        }
    }

    private static void readFully(DataInputStream in, byte[] target, Path file) throws IOException {
        try {
            in.readFully(target);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " ends before the " + target.length + " bytes its header"
                    + " announces: the file is truncated, download it again", e);
        }
    }
}
