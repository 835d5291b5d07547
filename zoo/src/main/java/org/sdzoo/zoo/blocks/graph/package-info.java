/**
 * Graph building blocks for sdzoo: the pure functions that prepare a graph for message passing
 * (self loops and normalisation, {@link org.sdzoo.zoo.blocks.graph.GcnNorm}), apart from the
 * SameDiff wiring that uses them.
 *
 * <p>Dimension legend: N nodes, E edges, E' edges after self loops are added, F features.
 * Edges are {@code [E, 2]} (source, target) pairs, PyG's {@code edge_index} transposed; a message
 * flows from the source to the target, so the propagation matrix {@code P} has
 * {@code P[target][source]} and a layer computes {@code P · H}.
 */
package org.sdzoo.zoo.blocks.graph;
