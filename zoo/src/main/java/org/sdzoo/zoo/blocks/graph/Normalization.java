package org.sdzoo.zoo.blocks.graph;

/** How the adjacency {@code Â} is normalised before propagation; degrees are in-degrees (at the target). */
public enum Normalization {
    /** {@code D^-1/2 Â D^-1/2}, Kipf and Welling's GCN (PyG's {@code gcn_norm}). */
    SYMMETRIC,
    /** {@code D^-1 Â}: each node takes the mean of its incoming messages. */
    ROW,
    /** {@code Â} itself: each node takes the sum of its incoming messages. */
    NONE
}
