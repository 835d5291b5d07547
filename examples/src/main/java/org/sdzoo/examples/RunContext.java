package org.sdzoo.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.plot.LossCurvePlot;
import org.sdzoo.zoo.train.HistoryCsv;
import org.sdzoo.zoo.train.LoggingListener;
import org.sdzoo.zoo.train.ProgressBarListener;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingListener;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * One run's output directory and how it writes there: the trainer with its listeners and
 * checkpoints, {@code model.sdz} with its provenance, {@code loss.png} and {@code result.json}.
 *
 * @param dir   the output directory (created)
 * @param seed  the run's seed
 * @param quiet no progress bar and no per-epoch log lines
 */
public record RunContext(Path dir, long seed, boolean quiet) {

    /** @return {@code name} inside the run's directory */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * A trainer writing {@code history.csv} and {@code checkpoints/}. The terminal has one owner:
     * the progress bar on a terminal, else log lines (per epoch, and a progress line a minute within
     * long epochs), so they never overwrite each other.
     */
    public Trainer trainer(TrainerConfig config, String dataset) {
        Trainer.Builder b = Trainer.builder().config(config).checkpointDir(file(RunDirectory.CHECKPOINTS))
                .dataset(dataset).listener(new HistoryCsv(file(RunDirectory.HISTORY_CSV)));
        consoleListeners(System.console() != null, quiet).forEach(b::listener);
        return b.build();
    }

    /** @return the bar on a terminal, else a log line per epoch and a progress line a minute; nothing when quiet */
    static List<TrainingListener> consoleListeners(boolean terminal, boolean quiet) {
        if (quiet) {
            return List.of();
        }
        return List.of(terminal ? new ProgressBarListener() : new LoggingListener(Trainer.PROGRESS_LINE_SECONDS));
    }

    /**
     * Writes {@code model.sdz} with its provenance: the trainer config, the SHA-256 of each data
     * file, the sdzoo version and the commit.
     */
    public void saveModel(ZooModel model, Map<String, Double> metrics, TrainingResult training, TrainerConfig config,
                          ExampleData data) throws IOException {
        ArchiveMetadata metadata = ArchiveMetadata.of(data.description(), seed, metrics, training.seconds()).withProvenance(ConfigJson.mapper().readTree(config.toJson()),
                sha256(data.files()));
        ModelArchive.save(file(RunDirectory.MODEL_SDZ), model, metadata, data.archiveExtras());
    }

    /** Draws {@code loss.png} from {@code history.csv}. */
    public void lossPlot(String title) throws IOException {
        LossCurvePlot.fromHistoryCsv(file(RunDirectory.HISTORY_CSV), file(RunDirectory.LOSS_PNG), title);
    }

    /** Writes the table's {@code result.json}. */
    public void writeResult(ResultTable table) throws IOException {
        table.write(file(RunDirectory.RESULT_JSON));
    }

    /** @return the SHA-256 (hex) of each file by file name */
    public static Map<String, String> sha256(List<Path> files) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Path f : files) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no SHA-256, which every Java must provide", e);
            }
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            digests.put(f.getFileName().toString(), HexFormat.of().formatHex(digest.digest()));
        }
        return digests;
    }
}
