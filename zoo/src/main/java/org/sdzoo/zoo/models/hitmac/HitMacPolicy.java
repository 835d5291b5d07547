package org.sdzoo.zoo.models.hitmac;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.ZooModel;

/**
 * What an executor or coordinator decides for a batch of observations.
 *
 * @param probabilities executor {@code [B, actions]} (rotate 0, +5°, −5°), coordinator
 *                      {@code [B, P, 2]} (drop, keep per camera-target pair)
 * @param values        {@code [B, 1]} the critic's value
 */
public record HitMacPolicy(INDArray probabilities, INDArray values) {

    /** The outputs a policy reads, as PyTorch's {@code forward} returns them. */
    public static final List<String> OUTPUTS = List.of(HitMacNetworks.PROBABILITIES, HitMacNetworks.VALUE);

    /**
     * Runs a {@code hitmac-executor} or {@code hitmac-coordinator} model.
     *
     * @param observations executor {@code [B, T, F]}, coordinator {@code [B, P, F]}
     * @throws IllegalArgumentException for another model or observations of the wrong shape
     */
    public static HitMacPolicy act(ZooModel model, INDArray observations) {
        String arch = model.config().architecture();
        if (!arch.equals(HitMacExecutorConfig.ARCHITECTURE) && !arch.equals(HitMacCoordinatorConfig.ARCHITECTURE)) {
            throw new IllegalArgumentException("a " + arch + " model has no HiT-MAC policy: give a "
                    + HitMacExecutorConfig.ARCHITECTURE + " or " + HitMacCoordinatorConfig.ARCHITECTURE + " model");
        }
        // only what a policy reads: the executor's logits are not copied out
        Map<String, INDArray> out = model.predict(Map.of(HitMacNetworks.OBS, observations), OUTPUTS);
        return new HitMacPolicy(out.get(HitMacNetworks.PROBABILITIES), out.get(HitMacNetworks.VALUE));
    }
}
