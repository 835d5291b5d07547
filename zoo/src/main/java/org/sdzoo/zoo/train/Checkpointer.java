package org.sdzoo.zoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sdzoo.datasets.AtomicFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.CheckpointState;
import org.sdzoo.zoo.io.ModelArchive;

/**
 * Writes {@value Trainer#LAST_CHECKPOINT} after every epoch and {@value Trainer#BEST_CHECKPOINT}
 * when the monitored value improved, each atomically, with the trainer's state and the
 * optimiser's moments so a run can resume exactly.
 */
final class Checkpointer {

    private final Path dir;
    private final String datasetName;
    private final long seed;

    /** @param dir where to write; null writes nothing */
    Checkpointer(Path dir, String datasetName, long seed) {
        this.dir = dir;
        this.datasetName = datasetName;
        this.seed = seed;
    }

    void write(ZooModel model, TrainerState state, ParameterUpdater updater, boolean best, EpochRecord record) {
        if (dir == null) {
            return;
        }
        try {
            CheckpointState cp = new CheckpointState(ConfigJson.write(state), updater.state());
            ArchiveMetadata meta = ArchiveMetadata.of(datasetName, seed, record.metricsWithLoss(), state.seconds());
            Path last = dir.resolve(Trainer.LAST_CHECKPOINT);
            ModelArchive.write(last, model, meta, cp);
            if (best) {
                // The same bytes as last.sdz: copy them rather than serialise the model twice.
                AtomicFiles.write(dir.resolve(Trainer.BEST_CHECKPOINT), out -> Files.copy(last, out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }
}
