package org.sdzoo.zoo.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sdzoo.datasets.AtomicFiles;

/** Atomic PNG writing shared by the plot writers. */
final class PngFiles {

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
     * Writes {@code image} as a PNG to {@code png}: parent directories are created, the bytes go
     * to a temporary file in the same directory, which then replaces {@code png} in one atomic
     * move. The temporary file is deleted if anything fails.
     *
     * @param png the target file
     * @param image the rendered image
     * @throws IOException if the directory cannot be created or the file cannot be written
     */
    static void write(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(
                checkTarget(png),
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException("no PNG writer is available in this JVM (javax.imageio)");
                    }
                });
    }
}
