/**
 * Graph data for sdzoo's graph models, as pure data (no SameDiff): the typed graph
 * {@link org.sdzoo.datasets.graph.GraphData} (dense or CSR node features, {@code [E, 2]} edges,
 * weights, labels, split), loaders for Planetoid (Cora, CiteSeer, PubMed), the karate club (in the
 * jar), TU graph-classification sets (MUTAG) and a user's CSV files, and the batching and splits
 * graph tasks need: block-diagonal batches with graph ids for readout, stratified k-fold
 * cross-validation, and gae's link-prediction edge split with seeded negatives.
 *
 * <p>Conventions: node ids are 0-based; an edge is a (source, target) pair and a message flows
 * from source to target; an undirected graph lists both directions (PyG's {@code edge_index},
 * transposed); label −1 marks an unlabeled node. Every loader logs its statistics and every
 * {@code GraphData} prints them ({@link org.sdzoo.datasets.graph.GraphData#statistics()}).
 * Shapes use the legend of {@link org.sdzoo.datasets}: N nodes, E edges, F features, and here
 * also G graphs in a batch and C classes.
 */
package org.sdzoo.datasets.graph;
