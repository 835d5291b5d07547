package org.sdzoo.zoo.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import javax.imageio.ImageIO;

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
    Path target = checkTarget(png);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its owner-only permissions would carry over to the PNG.
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        if (!ImageIO.write(image, "png", out)) {
          throw new IOException("no PNG writer is available in this JVM (javax.imageio)");
        }
      }
      Files.move(
          temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
