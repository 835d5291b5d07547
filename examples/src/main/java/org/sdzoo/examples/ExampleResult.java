package org.sdzoo.examples;

import java.nio.file.Path;

/** What a finished example or fine-tuning run reports to the command line. */
public interface ExampleResult {

    /** @return a plain-text table of the run's numbers, for the console */
    String table();

    /** @return the directory the run wrote its files to */
    Path outDir();
}
