package org.sdzoo.datasets;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A CSV file whose first row is the header, read into memory as text; numeric columns are parsed
 * on request into arrays.
 *
 * <p>Format: comma-separated, optional double quotes, surrounding spaces trimmed, empty lines
 * skipped, an optional UTF-8 byte-order mark ignored. Every data row must have as many cells as
 * the header, and a file must have at least one data row.
 *
 * <p><b>Row numbers</b> in error messages count data rows from 1: row 1 is the first line after
 * the header (so it is line 2 of the file when there are no empty lines).
 *
 * <p>Numbers are parsed as {@code double} and then cast to the requested type; an integer type
 * accepts only whole numbers, and integers beyond 2<sup>53</sup> lose precision.
 */
public final class CsvTable {

    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true).setIgnoreEmptyLines(true).get();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder()
            .setRecordSeparator("\n").get();

    private final Path path;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final String[][] cells;

    private CsvTable(Path path, List<String> header, String[][] cells) {
        this.path = path;
        this.header = List.copyOf(header);
        this.cells = cells;
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.put(header.get(i), i);
        }
        this.index = byName;
    }

    /**
     * Reads a CSV file whose first row is the header.
     *
     * @param path the file
     * @return the table
     * @throws IOException              if the file does not exist or cannot be read
     * @throws IllegalArgumentException if the file is empty, the header has a blank or repeated
     *                                  name, there are no data rows, or a row has the wrong
     *                                  number of cells
     */
    public static CsvTable read(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("The CSV path is null; pass the path of the file.");
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toAbsolutePath() + " does not exist: check the path, or write the CSV file there first.");
        }
        String name = path.getFileName().toString();
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, READ_FORMAT)) {
            for (CSVRecord record : parser) {
                String[] values = record.values();
                if (header == null) {
                    if (values.length > 0 && values[0].startsWith("\uFEFF")) {
                        values[0] = values[0].substring(1).strip();
                    }
                    header = checkHeader(name, values);
                    continue;
                }
                if (values.length != header.size()) {
                    throw new IllegalArgumentException(name + " row " + (rows.size() + 1) + " has " + values.length
                            + " cells but the header has " + header.size() + "; make every row have one cell per header column.");
                }
                rows.add(values);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IOException(name + " could not be read as CSV (" + why
                    + "); check its quotes and separators.", e);
        }
        if (header == null) {
            throw new IllegalArgumentException(name + " is empty; its first line must be a header such as 'x,y', followed by data rows.");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " has a header but no data rows; add at least one row below the header.");
        }
        return new CsvTable(path, header, rows.toArray(new String[0][]));
    }

    private static List<String> checkHeader(String file, String[] values) {
        List<String> names = Arrays.asList(values);
        for (int i = 0; i < values.length; i++) {
            if (values[i].isEmpty()) {
                throw new IllegalArgumentException(file + " header column " + (i + 1)
                        + " has no name; the first row must name every column.");
            }
            if (names.indexOf(values[i]) != i) {
                throw new IllegalArgumentException(file + " header names column '" + values[i]
                        + "' twice; give every column a distinct name.");
            }
        }
        return names;
    }

    /**
     * Returns the column names, in file order.
     *
     * @return the header, unmodifiable
     */
    public List<String> header() {
        return header;
    }

    /**
     * Returns the number of data rows (the header not counted).
     *
     * @return the number of rows, at least 1
     */
    public int rows() {
        return cells.length;
    }

    /**
     * Returns the file this table was read from.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Parses the named columns as numbers.
     *
     * @param names the columns, in the order wanted
     * @param type  the element type of the result
     * @return an array of shape {@code [rows, names.size()]}
     * @throws IllegalArgumentException if a column is absent, a cell is not a number, is NaN or
     *                                  infinite, or is not whole for an integer type
     */
    public INDArray columns(List<String> names, DataType type) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("No columns were requested from " + fileName()
                    + "; name at least one of " + header + ".");
        }
        requireNumericType(type);
        int[] cols = new int[names.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = columnIndex(names.get(j));
        }
        double[] values = new double[cells.length * cols.length];
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                values[i * cols.length + j] = parse(i, cols[j], type);
            }
        }
        return Nd4j.create(values, new long[] {cells.length, cols.length}, DataType.DOUBLE).castTo(type);
    }

    /**
     * Parses one column as numbers.
     *
     * @param name the column
     * @param type the element type of the result
     * @return an array of shape {@code [rows]}
     * @throws IllegalArgumentException if the column is absent, a cell is not a number, is NaN or
     *                                  infinite, or is not whole for an integer type
     */
    public INDArray column(String name, DataType type) {
        return columns(Collections.singletonList(name), type).reshape(cells.length);
    }

    /**
     * Returns the text of one cell, trimmed.
     *
     * @param row    the data row, counted from 1 as in error messages
     * @param column the column name
     * @return the cell's text
     * @throws IllegalArgumentException if the row is out of range or the column is absent
     */
    public String cell(int row, String column) {
        if (row < 1 || row > cells.length) {
            throw new IllegalArgumentException(fileName() + " has rows 1 to " + cells.length + " but row " + row
                    + " was requested; data rows count from 1 after the header.");
        }
        return cells[row - 1][columnIndex(column)];
    }

    /**
     * Writes a matrix or a vector as CSV with a header, atomically.
     *
     * @param path   the file to create or replace; parent directories are created
     * @param header one name per column
     * @param matrix {@code [rows, cols]}, or {@code [rows]} for a single column
     * @throws IOException              if writing fails; no partial file is left behind
     * @throws IllegalArgumentException if the header does not match the number of columns
     */
    public static void write(Path path, List<String> header, INDArray matrix) throws IOException {
        if (path == null || header == null || matrix == null) {
            throw new IllegalArgumentException("CsvTable.write got a null "
                    + (path == null ? "path" : header == null ? "header" : "matrix") + "; pass the path, header and matrix.");
        }
        String name = path.getFileName().toString();
        if (matrix.rank() != 1 && matrix.rank() != 2) {
            throw new IllegalArgumentException("The array written to " + name + " has shape " + Arrays.toString(matrix.shape())
                    + " but [rows, cols] or [rows] was expected; reshape it to two dimensions first.");
        }
        INDArray m = matrix.rank() == 1 ? matrix.reshape(matrix.length(), 1) : matrix;
        long cols = m.size(1);
        if (header.size() != cols) {
            throw new IllegalArgumentException("The header for " + name + " has " + header.size() + " names " + header
                    + " but the array has " + cols + " columns; give one name per column.");
        }
        for (String h : header) {
            if (h == null || h.isBlank()) {
                throw new IllegalArgumentException("The header for " + name + " " + header
                        + " has a blank name; give every column a name.");
            }
        }
        DataType type = m.dataType();
        AtomicFiles.write(path, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, WRITE_FORMAT);
            printer.printRecord(header);
            String[] row = new String[(int) cols];
            for (long i = 0; i < m.size(0); i++) {
                for (int j = 0; j < cols; j++) {
                    row[j] = format(m, i, j, type);
                }
                printer.printRecord((Object[]) row);
            }
            printer.flush();
        });
    }

    private static String format(INDArray m, long i, long j, DataType type) {
        if (type.isIntType()) {
            return Long.toString(m.getLong(i, j));
        }
        if (type == DataType.BOOL) {
            return m.getDouble(i, j) != 0 ? "1" : "0";
        }
        if (type == DataType.DOUBLE) {
            return Double.toString(m.getDouble(i, j));
        }
        return Float.toString(m.getFloat(i, j));
    }

    private int columnIndex(String name) {
        Integer col = index.get(name);
        if (col == null) {
            throw new IllegalArgumentException(fileName() + " has no column '" + name + "'; the columns are " + header + ".");
        }
        return col;
    }

    private double parse(int row, int col, DataType type) {
        String text = cells[row][col];
        String where = fileName() + " row " + (row + 1) + " column '" + header.get(col) + "'";
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a number; fix or remove that row.", e);
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(where + " is NaN; clean the data or drop the row.");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + " is infinite ('" + text + "'); clean the data or drop the row.");
        }
        if (type.isIntType() && value != Math.rint(value)) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a whole number but " + type
                    + " was requested; read the column as FLOAT or DOUBLE, or fix the value.");
        }
        return value;
    }

    private void requireNumericType(DataType type) {
        if (type == null || !(type.isFPType() || type.isIntType())) {
            throw new IllegalArgumentException("Columns of " + fileName() + " cannot be read as " + type
                    + "; ask for a floating-point or integer type such as DOUBLE, FLOAT, INT32 or INT64.");
        }
    }

    private String fileName() {
        return path.getFileName().toString();
    }
}
