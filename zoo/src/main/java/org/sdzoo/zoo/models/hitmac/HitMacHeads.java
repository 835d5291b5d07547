package org.sdzoo.zoo.models.hitmac;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.blocks.nn.Init;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The actor and critic heads of {@code model.py} ({@code PolicyNet}, {@code ValueNet},
 * {@code AMCValueNet}'s {@code critic_linear}), with their initialisation.
 */
final class HitMacHeads {

    /** The standard deviation {@code norm_col_init} gives each output row of a head. */
    static final double HEAD_NORM = 0.1;

    private HitMacHeads() {
    }

    /**
     * A Linear initialised as the authors' heads: {@code norm_col_init(weight, 0.1)} (each output
     * row a Gaussian vector rescaled to norm 0.1) and a zero bias.
     */
    static Linear head(Scope scope, long in, long out) {
        INDArray w = scope.init("weight").normal(scope.dataType(), 0, 1, out, in);
        w.diviColumnVector(w.norm2(1).reshape(out, 1)).muli(HEAD_NORM);
        return Linear.of(scope.param("weight", w), scope.param("bias", Init.zeros(scope.dataType(), out)));
    }

    /**
     * {@code PolicyNet}: the logits go through a ReLU before the softmax ({@code mu =
     * F.relu(actor_linear(x))}, then {@code sample_action}'s softmax), as the published models were
     * trained.
     *
     * @param x {@code [..., D]}
     * @return {@code [..., actions]} probabilities
     */
    static SDVariable policy(Linear actor, SDVariable x) {
        return x.getSameDiff().nn.softmax(logits(actor.apply(x)), -1);
    }

    /**
     * @param actorOutput {@code [..., actions]} {@code actor_linear(x)}
     * @return {@code [..., actions]} {@code relu(actor_linear(x))}, the policy before its softmax
     */
    static SDVariable logits(SDVariable actorOutput) {
        return actorOutput.getSameDiff().nn.relu(actorOutput, 0);
    }
}
