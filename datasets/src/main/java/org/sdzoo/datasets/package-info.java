/**
 * Data for sdzoo models: the data directory, verified downloads, NumPy ({@code .npy}/{@code .npz})
 * and CSV readers and writers, input checks, and the iterators that feed the trainer.
 *
 * <p>Shapes are written as {@code [rows, cols]} with one legend of dimension letters, shared by
 * every sdzoo package:
 * <ul>
 *   <li>B batch (examples)</li>
 *   <li>T time / sequence length</li>
 *   <li>S source sequence length</li>
 *   <li>C channels</li>
 *   <li>N nodes</li>
 *   <li>E edges</li>
 *   <li>F features</li>
 *   <li>H attention heads</li>
 *   <li>D model width</li>
 *   <li>V vocabulary size</li>
 * </ul>
 *
 * <p>Errors: a caller's mistake raises {@link java.lang.IllegalArgumentException} and a failed
 * read or write raises {@link java.io.IOException}; each message is one sentence that names the
 * problem (file, column, row, value) and how to fix it. Every writer writes a temporary file in
 * the target directory and moves it into place atomically, so no partial output file is ever
 * left behind.
 */
package org.sdzoo.datasets;
