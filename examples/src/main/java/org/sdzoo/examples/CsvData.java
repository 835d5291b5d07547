package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.CsvTable;

/**
 * Regression data read from a CSV file's columns.
 *
 * @param x    inputs {@code [B, F]}, float64, one column per name in {@code --x}
 * @param y    targets {@code [B]}, float64
 * @param file the file it was read from
 */
public record CsvData(INDArray x, INDArray y, Path file) {

    /**
     * Reads {@code xColumns} and {@code yColumn} of a CSV file with a header.
     *
     * @throws IllegalArgumentException naming the file, row and column of a missing column, a
     *                                  cell that is not a number, NaN or infinity
     */
    public static CsvData read(Path file, List<String> xColumns, String yColumn) throws IOException {
        if (xColumns == null || xColumns.isEmpty()) {
            throw new IllegalArgumentException("no input columns: name them with --x, e.g. --x x or --x a,b");
        }
        if (yColumn == null || yColumn.isBlank()) {
            throw new IllegalArgumentException("no target column: name it with --y, e.g. --y y");
        }
        if (xColumns.contains(yColumn)) {
            throw new IllegalArgumentException("column '" + yColumn + "' is both an input (--x) and the target (--y)");
        }
        CsvTable table = CsvTable.read(file);
        return new CsvData(table.columns(xColumns, DataType.DOUBLE), table.column(yColumn, DataType.DOUBLE), file);
    }

    /** @return the number of rows */
    public int size() {
        return (int) x.size(0);
    }

    /** @return F, the number of input columns */
    public int numFeatures() {
        return (int) x.size(1);
    }

    /** @return the rows in increasing order of the first input column, so plots over x read left to right */
    public CsvData sortedByFirstColumn() {
        int[] order = IntStream.range(0, size()).boxed().sorted(Comparator.comparingDouble(i -> x.getDouble(i, 0)))
                .mapToInt(Integer::intValue).toArray();
        return new CsvData(Nd4j.pullRows(x, 1, order), Nd4j.pullRows(y.reshape(-1, 1), 1, order).reshape(-1), file);
    }
}
