package org.sdzoo.zoo.io;

import java.util.Optional;
import org.sdzoo.zoo.ZooModel;

/**
 * The content of a {@code .sdz} archive.
 *
 * @param model      the model, ready to predict or train
 * @param metadata   how it was made
 * @param checkpoint the trainer's state when the archive is a checkpoint
 * @param sdzooVersion the sdzoo version that wrote it
 */
public record LoadedArchive(ZooModel model, ArchiveMetadata metadata, Optional<CheckpointState> checkpoint,
                            String sdzooVersion) {
}
