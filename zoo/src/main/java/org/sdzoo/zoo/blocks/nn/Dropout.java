package org.sdzoo.zoo.blocks.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.random.custom.RandomBernoulli;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.SeededRandomOps;

/**
 * Inverted dropout as {@code torch.nn.Dropout}: in training each element is zeroed with
 * probability {@code p} and the rest scaled by {@code 1 / (1 - p)}; in inference it is the
 * identity. The phase comes from {@link LearningPhase}.
 *
 * <p>Built from primitives because M2.1's {@code sd.nn.dropout} has no gradient, stays on in
 * {@code output()}, does not rescale and takes the retain probability, and
 * {@code sd.nn.dropoutInverted} fails on forward (see SameDiffWorkaroundsTest).
 */
public final class Dropout {

    private Dropout() {
    }

    /**
     * @param x any shape, e.g. {@code [B, T, D]}; the batch dimension may be unknown
     * @param p the probability of zeroing an element, in [0, 1) as PyTorch's {@code p}; 0 adds no op
     * @return the shape of {@code x}
     */
    public static SDVariable apply(SameDiff sd, SDVariable x, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout p (" + p + ") must be in [0, 1): it is the probability of"
                    + " zeroing an element, as in torch.nn.Dropout (use 0 for none)");
        }
        if (p == 0) {
            return x;
        }
        SeededRandomOps.attach(sd);
        double keep = 1 - p;
        SDVariable phase = LearningPhase.asNumber(sd, x.dataType());                              // []
        // The draw has x's shape in training and one element per dimension in inference (shape ·
        // phase + (1 - phase)): its value is not used there, and drawing x's shape cost the forward
        // pass a random draw, a cast and two products over every element (a Transformer's
        // inference a third of its time). One draw advances the generator as much as the other
        // (SeededRandomOps), so the numbers of the steps after an evaluation do not change.
        SDVariable training = LearningPhase.asNumber(sd, DataType.LONG);                         // []
        SDVariable drawShape = sd.shape(x).castTo(DataType.LONG).mul(training).add(training.rsub(1L));
        SDVariable drawn = new RandomBernoulli(sd, drawShape, keep).outputVariable();
        SDVariable kept = drawn.dataType() == x.dataType() ? drawn : drawn.castTo(x.dataType());   // 0/1
        // training (phase 1): mask / keep; inference (phase 0): exactly 1, so predictions do not
        // depend on the draw. The phase enters through two scalars, so the mask costs two
        // element-wise ops; mask · (1/keep) + 0 has the bits of mask / keep's float product.
        SDVariable factor = kept.mul(phase.mul(1 / keep)).add(phase.rsub(1.0));
        return x.mul(factor);
    }
}
