package org.sdzoo.zoo;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * What the archive, the command line and the PyTorch importer need to know of one architecture.
 * An implementation has a public no-argument constructor and is listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}, where {@link Architectures} finds it.
 */
public interface Architecture {

    /** @return the registered name, e.g. {@code kernel-regression} */
    String name();

    /** @return a one-line description for {@code sdzoo list} */
    String description();

    /** @return the config with every default */
    ModelConfig defaultConfig();

    /** Reads this architecture's config from JSON, validating it. */
    ModelConfig configFromJson(String json);

    /**
     * Rebuilds a trainable model from its config and a graph read from an archive: the graph is
     * built afresh (a deserialised SameDiff graph carries whatever loss it was trained with) and
     * the saved parameters and data-dependent constants are copied in.
     *
     * @throws IllegalArgumentException when the saved graph does not match the config
     */
    ZooModel restore(ModelConfig config, SameDiff saved);

    /**
     * The config an import starts from before the user's {@code --config} fields: the defaults,
     * with whatever sizes the {@code state_dict}'s shapes fix, so that fields given alone (a
     * Transformer's {@code nhead}) are validated against the real sizes, not the defaults'.
     */
    default ModelConfig importDefaults(Map<String, INDArray> stateDict) {
        return defaultConfig();
    }

    /**
     * Builds a model from a PyTorch {@code state_dict} with the reference implementation's
     * parameter names. All missing, unexpected and mis-shaped names are reported at once.
     *
     * @param stateDict PyTorch parameter name → value
     * @param extra     data-dependent arrays some architectures need (e.g. kernel regression's
     *                  {@code keys} and {@code values}); empty when none
     */
    ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra);
}
