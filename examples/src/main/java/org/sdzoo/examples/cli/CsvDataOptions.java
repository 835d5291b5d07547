package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** A CSV file of the user's data and which of its columns are the inputs and the target. */
final class CsvDataOptions {

    @Option(names = "--data", paramLabel = "FILE.csv", description = "CSV file with a header row")
    Path data;

    @Option(names = "--x", split = ",", paramLabel = "COL", description = "input column(s), comma-separated")
    List<String> x;

    @Option(names = "--y", paramLabel = "COL", description = "target column")
    String y;

    List<String> xColumns() {
        return x == null ? List.of() : x;
    }
}
