package org.sdzoo.zoo.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sdzoo.datasets.AtomicFiles;

/** Atomic PNG writing shared by the plot writers. */
final class PngFiles {

    static {
        // Encode in memory only: with its disk cache on, ImageIO writes a temporary file for every
        // PNG and, on a full disk, fails with no cause and a NullPointerException from its cache
        // clean-up thread.
        ImageIO.setUseCache(false);
    }

    private PngFiles() {}

    /**
     * Checks that {@code png} is usable as an output path before any drawing is done.
     *
     * @param png the output path given by the caller
     * @return the absolute, normalised path
     */
    static Path checkTarget(Path png) {
        if (png == null) {
            throw new IllegalArgumentException("png is null; pass the path of the PNG file to write");
        }
        Path target = png.toAbsolutePath().normalize();
        if (target.getFileName() == null) {
            throw new IllegalArgumentException(
                    "png (" + png + ") has no file name; pass a file path such as runs/x/loss.png");
        }
        return target;
    }

    /**
     * Writes {@code image} as a PNG to {@code png}: the image is encoded in memory, then written
     * with {@link AtomicFiles#write} (parent directories created, a temporary file in the same
     * directory moved over {@code png} in one step, deleted if anything fails).
     *
     * @param png the target file
     * @param image the rendered image
     * @throws IOException {@code "cannot write <png>: <cause>"}, such as "no space left on device";
     *                     files written before are left intact
     */
    static void write(Path png, BufferedImage image) throws IOException {
        checkTarget(png);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", encoded)) {
            throw new IOException("cannot write " + png + ": no PNG writer is available in this JVM (javax.imageio)");
        }
        AtomicFiles.write(png, encoded::writeTo);
    }
}
