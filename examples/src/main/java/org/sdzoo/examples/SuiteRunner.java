package org.sdzoo.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Suite}: each member example's protocol in {@code <out>/<example>}, then one table
 * and one {@code result.json} with, per member, {@code <key>_<metric>_mean}, {@code _std},
 * {@code _runs} (every seed's value) beside the published figure.
 */
public final class SuiteRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SuiteRunner.class);

    private SuiteRunner() {
    }

    /**
     * @param runs seeds per member, or {@code null} for each protocol's own number
     * @return the summary; a skipped optional member appears as a sentence in the table and under
     *         {@code skipped} in {@code result.json}
     */
    public static ExampleRunner.Outcome reproduce(Suite suite, RunRequest request, Integer runs) throws IOException {
        Path dir = RunDirectory.resolve(request.out(), suite.name() + "-reproduce");
        RunDirectory.check(dir, false, request.overwrite());
        ResultTable table = new ResultTable(suite.description()).header("measured", "published");
        Map<String, String> skipped = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        for (Suite.Member m : suite.members()) {
            Example<?> example = Examples.get(m.example());
            ExampleRunner.Reproduction r;
            try {
                r = ExampleRunner.repeat(example, request, runs, dir.resolve(m.example()));
            } catch (FileNotFoundException e) {
                if (!m.optional()) {
                    throw e;
                }
                LOG.warn("Skipping {}: {}", m.example(), e.getMessage());
                skipped.put(m.key(), e.getMessage());
                table.note("skipped " + m.example() + ": " + e.getMessage());
                continue;
            }
            String prefix = m.key() + "_" + r.protocol().metric();
            table.row(prefix + "_mean", r.mean(), r.protocol().published()).row(prefix + "_std", r.std(), null)
                    .fact(prefix + "_runs", r.values()).fact(m.key() + "_seeds", r.seeds());
            summary.append(String.format("%s: %.2f ± %.2f over %d seeds (published %.2f: %s)%n", m.example(), r.mean(),
                    r.std(), r.values().size(), r.protocol().published(), r.protocol().source()));
        }
        table.note(summary.toString().strip());
        if (!skipped.isEmpty()) {
            table.fact("skipped", skipped);
        }
        table.write(dir.resolve(RunDirectory.RESULT_JSON));
        return new ExampleRunner.Outcome(table, dir, null);
    }
}
