package org.sdzoo.zoo.models.gcn;

/** How a GCN moves messages: see {@link org.sdzoo.zoo.blocks.graph.Propagation}. */
public enum PropagationForm {
    /** {@code P [N, N]} as one matmul: fast on small graphs, memory in N². */
    DENSE,
    /** Gather per edge and segment sum per target node: memory in E, any graph size. */
    EDGE_LIST
}
