/**
 * Graph building blocks for sdzoo: the pure functions that prepare a graph for message passing
 * (self loops and normalisation, {@link org.sdzoo.zoo.blocks.graph.GcnNorm}), and the SameDiff
 * blocks that use them: {@link org.sdzoo.zoo.blocks.graph.GraphConv} (Kipf and Welling's layer),
 * its two propagation forms ({@link org.sdzoo.zoo.blocks.graph.Propagation}: dense {@code P} or an
 * edge list) and two feature forms ({@link org.sdzoo.zoo.blocks.graph.FeatureMatrix}: dense or
 * sparse), graph-level {@link org.sdzoo.zoo.blocks.graph.Readout} and the link
 * {@link org.sdzoo.zoo.blocks.graph.DotProductDecoder}.
 *
 * <p>Dimension legend: N nodes, E edges, E' edges after self loops are added, F features,
 * D width, G graphs in a batch, P node pairs, nnz stored nonzeros of a sparse feature matrix.
 * Edges are {@code [E, 2]} (source, target) pairs, PyG's {@code edge_index} transposed; a message
 * flows from the source to the target, so the propagation matrix {@code P} has
 * {@code P[target][source]} and a layer computes {@code P · H}.
 *
 * <p>Gathers (edge propagation, sparse features, the decoder) rely on
 * {@link org.sdzoo.zoo.samediff.SameDiffFixes}: M2.1's own gather gradient overwrites instead of
 * summing. The blocks install the fix themselves.
 */
package org.sdzoo.zoo.blocks.graph;
