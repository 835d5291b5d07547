package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CsvTableTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private IllegalArgumentException readFails(String name, String text) throws IOException {
        Path p = csv(name, text);
        return assertThrows(IllegalArgumentException.class, () -> CsvTable.read(p));
    }

    @Test
    void readsHeaderRowsAndColumns() throws IOException {
        CsvTable t = CsvTable.read(csv("data.csv", "\uFEFFid, x ,y\n\n1,0.5,2\n2,\"1.5\",-3\n3,2.5,4e1\n"));
        assertEquals(List.of("id", "x", "y"), t.header());
        assertEquals(3, t.rows());
        INDArray xy = t.columns(List.of("y", "x"), DataType.FLOAT);
        assertArrayEquals(new long[] {3, 2}, xy.shape());
        assertEquals(DataType.FLOAT, xy.dataType());
        assertEquals(Nd4j.createFromArray(new float[][] {{2, 0.5f}, {-3, 1.5f}, {40, 2.5f}}), xy);
        INDArray id = t.column("id", DataType.INT64);
        assertArrayEquals(new long[] {3}, id.shape());
        assertArrayEquals(new long[] {1, 2, 3}, id.toLongVector());
        assertEquals("1.5", t.cell(2, "x"));
    }

    @Test
    void missingFileIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CsvTable.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv does not exist: check the path"), e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyAreRejected() throws IOException {
        IllegalArgumentException empty = readFails("empty.csv", "\n\n");
        assertTrue(empty.getMessage().contains("empty.csv is empty") && empty.getMessage().contains("header"), empty.getMessage());
        IllegalArgumentException noRows = readFails("head.csv", "x,y\n");
        assertTrue(noRows.getMessage().contains("head.csv has a header but no data rows"), noRows.getMessage());
    }

    @Test
    void badHeadersAreRejected() throws IOException {
        IllegalArgumentException dup = readFails("dup.csv", "x,y,x\n1,2,3\n");
        assertTrue(dup.getMessage().contains("dup.csv") && dup.getMessage().contains("'x' twice"), dup.getMessage());
        IllegalArgumentException blank = readFails("blank.csv", "x,,z\n1,2,3\n");
        assertTrue(blank.getMessage().contains("blank.csv header column 2 has no name"), blank.getMessage());
    }

    @Test
    void raggedRowIsNamed() throws IOException {
        IllegalArgumentException e = readFails("ragged.csv", "x,y\n1,2\n3\n");
        assertTrue(e.getMessage().contains("ragged.csv row 2 has 1 cells but the header has 2"), e.getMessage());
        assertTrue(e.getMessage().contains("one cell per header column"), e.getMessage());
    }

    @Test
    void brokenQuotesAreAnIoErrorWithAHint() throws IOException {
        Path p = csv("quote.csv", "x,y\n1,\"2\n");
        IOException e = assertThrows(IOException.class, () -> CsvTable.read(p));
        assertTrue(e.getMessage().contains("quote.csv") && e.getMessage().contains("quotes"), e.getMessage());
    }

    @Test
    void absentColumnListsTheColumns() throws IOException {
        CsvTable t = CsvTable.read(csv("data.csv", "x,y\n1,2\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column("z", DataType.DOUBLE));
        assertTrue(e.getMessage().contains("data.csv has no column 'z'; the columns are [x, y]"), e.getMessage());
    }

    @Test
    void badCellsNameFileRowColumnAndFix() throws IOException {
        CsvTable t = CsvTable.read(csv("data.csv", "x,y,z,w,k\n1,2,3,4,5\n1,abc,NaN,-Infinity,1.5\n"));
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> t.column("y", DataType.DOUBLE));
        assertEquals("data.csv row 2 column 'y': 'abc' is not a number; fix or remove that row.", text.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> t.column("z", DataType.DOUBLE));
        assertEquals("data.csv row 2 column 'z' is NaN; clean the data or drop the row.", nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> t.column("w", DataType.DOUBLE));
        assertTrue(inf.getMessage().contains("row 2 column 'w' is infinite") && inf.getMessage().contains("drop the row"),
                inf.getMessage());
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> t.column("k", DataType.INT32));
        assertTrue(whole.getMessage().contains("row 2 column 'k'") && whole.getMessage().contains("not a whole number"),
                whole.getMessage());
        assertEquals(1.5, t.column("k", DataType.DOUBLE).getDouble(1));
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        INDArray m = Nd4j.createFromArray(new float[][] {{0.1f, -2}, {3.25f, 1e-7f}});
        Path p = dir.resolve("out/m.csv");
        CsvTable.write(p, List.of("a", "b"), m);
        assertEquals("a,b\n0.1,-2.0\n3.25,1.0E-7\n", Files.readString(p));
        assertEquals(m, CsvTable.read(p).columns(List.of("a", "b"), DataType.FLOAT));

        INDArray v = Nd4j.createFromArray(1L, 2L, 3L);
        Path q = dir.resolve("v.csv");
        CsvTable.write(q, List.of("label"), v);
        assertEquals("label\n1\n2\n3\n", Files.readString(q));

        INDArray d = Nd4j.createFromArray(0.1, 1.0 / 3);
        CsvTable.write(q, List.of("p"), d);
        assertEquals(d, CsvTable.read(q).column("p", DataType.DOUBLE));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void writeRejectsMismatchedHeaderWithoutAFile() {
        Path p = dir.resolve("bad.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvTable.write(p, List.of("a"), Nd4j.zeros(2, 3)));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("3 columns")
                && e.getMessage().contains("one name per column"), e.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> CsvTable.write(p, List.of("a"), Nd4j.zeros(2, 1, 1)));
        assertTrue(rank.getMessage().contains("[2, 1, 1]"), rank.getMessage());
        assertFalse(Files.exists(p));
    }
}
