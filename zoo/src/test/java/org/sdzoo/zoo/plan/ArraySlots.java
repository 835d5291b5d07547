package org.sdzoo.zoo.plan;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A plan's slots over a fixed table, for testing a kernel factory on hand-made steps. */
record ArraySlots(INDArray[] values) implements StepRewrites.Slots {
    @Override
    public INDArray get(int slot) {
        return values[slot];
    }

    @Override
    public int add(INDArray array) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean perRun(int slot) {
        return false;
    }

    @Override
    public INDArray[] all() {
        return values;
    }

    @Override
    public boolean canAlias(int slot, int of) {
        return false;
    }

    @Override
    public void alias(int slot, int of) {
        throw new UnsupportedOperationException();
    }
}
