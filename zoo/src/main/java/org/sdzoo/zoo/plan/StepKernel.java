package org.sdzoo.zoo.plan;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A plan step computed in Java ({@link PlanStep.Kind#KERNEL}) in place of an ND4J op. */
interface StepKernel {

    /**
     * Computes the step.
     *
     * @param values  the plan's arrays by slot
     * @param inputs  the slots of the op's inputs, in the op's order
     * @param outputs the slots of the op's outputs, whose arrays it overwrites
     */
    void run(INDArray[] values, int[] inputs, int[] outputs);
}
