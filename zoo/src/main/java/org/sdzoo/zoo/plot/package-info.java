/**
 * Diagnostic plots written as PNG files from plain Java arrays: training curves
 * ({@link org.sdzoo.zoo.plot.LossCurvePlot}, including one straight from a trainer's
 * {@code history.csv}), attention heatmaps with queries on the y axis and keys on the x axis
 * ({@link org.sdzoo.zoo.plot.HeatmapPlot}, like d2l's {@code show_heatmaps}) and one-dimensional
 * regression fits with their training points ({@link org.sdzoo.zoo.plot.FitPlot}). Every writer
 * checks its arguments before drawing and throws an {@link java.lang.IllegalArgumentException}
 * whose sentence names the argument, the sizes and the fix; it creates missing parent
 * directories and replaces the target atomically, so a reader never sees half a file. The same
 * inputs always give the same bytes. Non-finite values (NaN, infinities) mark missing data and
 * are skipped, never drawn.
 */
package org.sdzoo.zoo.plot;
