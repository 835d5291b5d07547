/**
 * Graph convolutional networks (Kipf and Welling, ICLR 2017): {@link org.sdzoo.zoo.models.gcn.GcnConfig},
 * {@link org.sdzoo.zoo.models.gcn.Gcn#create}, {@link org.sdzoo.zoo.models.gcn.GcnInputs} (a
 * {@code GraphData} as inputs or as a masked full-batch {@code MultiDataSet}) and
 * {@link org.sdzoo.zoo.models.gcn.GcnArchitecture} (archive restore, pygcn and PyG import).
 *
 * <p>Dimension legend: N nodes, E edges, F features, C classes, nnz stored feature nonzeros.
 */
package org.sdzoo.zoo.models.gcn;
