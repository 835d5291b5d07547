package org.sdzoo.zoo.samediff;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.random.custom.RandomBernoulli;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes SameDiff's random ops draw from ND4J's seeded generator. In M2.1 a session runs each op
 * through a cached {@code OpContext} whose generator is never seeded from {@code Nd4j.getRandom()}
 * and never advances, so a dropout mask is the same in every step and ignores the seed (see
 * SeededRandomOpsTest). Before each random op this listener gives its context the generator's
 * current state and then advances the generator, so the masks of one step differ from one another
 * and from the next step's, and re-seeding ND4J repeats them exactly.
 */
public final class SeededRandomOps extends BaseListener {

    private static final SeededRandomOps INSTANCE = new SeededRandomOps();

    private SeededRandomOps() {
    }

    /** Attaches the listener to {@code sd} once. */
    public static void attach(SameDiff sd) {
        if (!sd.getListeners().contains(INSTANCE)) {
            sd.addListeners(INSTANCE);
        }
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        if (op.getOp() instanceof RandomBernoulli) {
            Random random = Nd4j.getRandom();
            opContext.setRngStates(random.rootState(), random.nodeState());
            random.nextLong();
        }
    }
}
