package org.sdzoo.zoo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.AtomicFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.plot.HeatmapPlot;
import org.sdzoo.zoo.plot.LossCurvePlot;

/**
 * Writes on a really full disk: a 64 KiB tmpfs mounted for the test, filled to the last page.
 * Needs root (to mount); skipped elsewhere. Each write fails with the file and "no space left on
 * device", and the file written before the disk filled is intact.
 */
class FullDiskTest {

    @TempDir
    Path tmp;

    private Path disk;
    private Path earlier;

    @BeforeEach
    void mountAndFill() throws Exception {
        disk = Files.createDirectory(tmp.resolve("disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()),
                "mounting a tmpfs needs root");
        earlier = disk.resolve("result.json");
        AtomicFiles.writeString(earlier, "{\"mse\": 0.25}");
        try (OutputStream filler = Files.newOutputStream(disk.resolve("filler"))) {
            byte[] page = new byte[4096];
            for (int i = 0; i < 64; i++) {
                filler.write(page);
            }
        } catch (IOException expected) {
            // Full: the point of the exercise.
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            run("umount", disk.toString());
        }
    }

    @Test
    void everyWriterNamesItsFileAndTheCauseAndKeepsEarlierFiles() throws IOException {
        Path loss = disk.resolve("loss.png");
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("loss", new double[] {3, 2, 1});
        assertFailsFull(loss, () -> LossCurvePlot.write(loss, "t", new double[] {1, 2, 3}, series, "loss"));

        Path attention = disk.resolve("attention.png");
        assertFailsFull(attention, () -> HeatmapPlot.write(attention, new double[][] {{1, 0}, {0, 1}}, "a", "k", "q",
                null, null));

        Path model = disk.resolve("model.sdz");
        ZooModel nw = KernelRegression.create(KernelRegressionConfig.builder().build(),
                Nd4j.createFromArray(0.0, 1.0), Nd4j.createFromArray(1.0, 2.0));
        assertFailsFull(model, () -> ModelArchive.save(model, nw));

        assertEquals("{\"mse\": 0.25}", Files.readString(earlier));
        try (Stream<Path> files = Files.list(disk)) {
            assertEquals(List.of("filler", "result.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no partial or temporary file is left");
        }
        assertEquals(false, ImageIO.getUseCache(), "ImageIO encodes in memory, never through its disk cache");
    }

    private static void assertFailsFull(Path file, Write write) {
        IOException e = assertThrows(IOException.class, write::run);
        assertEquals("cannot write " + file + ": no space left on device", e.getMessage());
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException noSuchCommand) {
            return false;
        }
    }
}
