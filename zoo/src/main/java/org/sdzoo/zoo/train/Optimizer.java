package org.sdzoo.zoo.train;

/** The parameter update rules, each as PyTorch 1.13 defines it, so results match step for step. */
public enum Optimizer {
    /** {@code torch.optim.SGD} with optional momentum and Nesterov; weight decay adds {@code wd·p} to the gradient. */
    SGD,
    /** {@code torch.optim.Adam}; weight decay adds {@code wd·p} to the gradient (L2). */
    ADAM,
    /** {@code torch.optim.AdamW}; weight decay shrinks the parameter directly, {@code p ← p(1 - lr·wd)}. */
    ADAMW,
    /** {@code torch.optim.RMSprop} (no momentum, not centred). */
    RMSPROP
}
