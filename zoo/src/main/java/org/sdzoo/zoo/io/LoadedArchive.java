package org.sdzoo.zoo.io;

import java.util.Map;
import java.util.Optional;
import org.sdzoo.zoo.ZooModel;

/**
 * The content of a {@code .sdz} archive.
 *
 * @param model      the model, ready to predict or train
 * @param metadata   how it was made
 * @param checkpoint the trainer's state when the archive is a checkpoint
 * @param sdzooVersion the sdzoo version that wrote it
 * @param extras     the extra files stored with the model (such as vocabularies), by name
 */
public record LoadedArchive(ZooModel model, ArchiveMetadata metadata, Optional<CheckpointState> checkpoint,
                            String sdzooVersion, Map<String, byte[]> extras) {

    /** Copies the extras into an unmodifiable map. */
    public LoadedArchive {
        extras = Map.copyOf(extras);
    }

    /** An archive without extra files. */
    public LoadedArchive(ZooModel model, ArchiveMetadata metadata, Optional<CheckpointState> checkpoint,
                         String sdzooVersion) {
        this(model, metadata, checkpoint, sdzooVersion, Map.of());
    }

    /**
     * @return the extra file {@code name}
     * @throws IllegalArgumentException when the archive has none of that name
     */
    public byte[] extra(String name) {
        byte[] bytes = extras.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("the model archive has no extra file '" + name + "' (it has "
                    + extras.keySet() + "): it was saved by something that did not store it, so train or save it again");
        }
        return bytes.clone();
    }
}
