package org.sdzoo.examples;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sdzoo.zoo.samediff.NdEnvironment;

/**
 * {@code sdzoo bench --all}: every example that declares a {@link BenchSpec}, timed one after the
 * other in one launch beside PyTorch on the same shapes, as one table and one JSON document.
 * An example whose benchmark cannot be built now (its data is missing) is a line saying why, not a
 * failure of the whole table.
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    /** An example left out of the table, and why. */
    public record Skipped(String example, String reason) {
    }

    /**
     * The measured rows.
     *
     * @param torchMissing why PyTorch could not be run now, when it could not (its columns then
     *                     hold the medians recorded on the development machine, and no ratio)
     */
    public record Suite(List<BenchDriver.Result> results, List<Skipped> skipped, BenchDriver.Budget budget,
                        Optional<String> torchMissing, Instant date) {

        /** @return the table: one row per example and step kind, sdzoo and PyTorch medians (min-max) and the ratio */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("sdzoo bench --all, %s, %d processors, ND4J %s;"
                            + " %d repeats of up to %d iterations (about %.3g s each) after as many warm-up%n",
                    date, Runtime.getRuntime().availableProcessors(), NdEnvironment.settings(), budget.repeats(),
                    budget.iterations(), budget.repeatSeconds()));
            String format = "%-20s %-8s %7s %28s %28s %8s%n";
            s.append(String.format(format, "example", "step", "iters", "sdzoo ms median (min-max)",
                    "PyTorch ms median (min-max)", "ratio"));
            for (BenchDriver.Result r : results) {
                boolean measured = r.torch().measured();
                s.append(String.format(format, r.label(), "train", r.iterations(), r.trainStep().text(),
                        torchCell(r.torch().trainStep(), measured), ratioCell(r.trainRatio(), measured)));
                s.append(String.format(format, "", "forward", r.iterations(), r.forward().text(),
                        torchCell(r.torch().forward(), measured), ratioCell(r.forwardRatio(), measured)));
            }
            for (BenchDriver.Result r : results) {
                s.append("  ").append(r.label()).append(": ").append(r.shape()).append("; PyTorch ")
                        .append(r.torch().source()).append('\n');
            }
            torchMissing.ifPresent(why -> s.append("PyTorch skipped: ").append(why)
                    .append("; its columns show the medians recorded on the development machine, in brackets,"
                            + " and no ratio\n"));
            for (Skipped k : skipped) {
                s.append("skipped ").append(k.example()).append(": ").append(k.reason()).append('\n');
            }
            s.append("ratio = sdzoo median / PyTorch median (goal <= 1.0)\n");
            return s.toString();
        }

        private static String torchCell(BenchDriver.Timing t, boolean measured) {
            return measured ? t.text() : "[" + t.text() + "]";
        }

        private static String ratioCell(double ratio, boolean measured) {
            return measured ? String.format("%.2f", ratio) : "-";
        }

        /**
         * @return {@code result.json}: per example the sdzoo and PyTorch medians (with spread) of
         *         the training step and the forward pass and their ratios, under keys that say which
         */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", date.toString());
            m.put("processors", Runtime.getRuntime().availableProcessors());
            m.put("nd4j", NdEnvironment.settings());
            m.put("repeats", budget.repeats());
            m.put("max_iterations", budget.iterations());
            m.put("seconds_per_repeat", budget.repeatSeconds());
            m.put("torch_missing", torchMissing.orElse(null));
            Map<String, Object> models = new LinkedHashMap<>();
            for (BenchDriver.Result r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("shape", r.shape());
                row.put("iterations", r.iterations());
                row.put("sdzoo_train_step_ms", r.trainStep().json());
                row.put("sdzoo_forward_ms", r.forward().json());
                row.put("torch_train_step_ms", r.torch().trainStep().json());
                row.put("torch_forward_ms", r.torch().forward().json());
                row.put("torch_measured_now", r.torch().measured());
                row.put("torch_source", r.torch().source());
                row.put("ratio_train_step_sdzoo_over_torch", r.torch().measured() ? r.trainRatio() : null);
                row.put("ratio_forward_sdzoo_over_torch", r.torch().measured() ? r.forwardRatio() : null);
                models.put(r.label(), row);
            }
            m.put("models", models);
            Map<String, String> skips = new LinkedHashMap<>();
            skipped.forEach(k -> skips.put(k.example(), k.reason()));
            m.put("skipped", skips);
            return m;
        }
    }

    /**
     * Times every example of {@code examples} that declares a benchmark, in order.
     *
     * @param measureTorch whether to run PyTorch now (else its recorded medians are shown)
     */
    public static Suite run(List<Example<?>> examples, long seed, BenchDriver.Budget budget, boolean measureTorch)
            throws IOException {
        Optional<String> torchMissing = measureTorch ? TorchReference.missing() : Optional.of("--no-torch");
        List<BenchDriver.Result> results = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Example<?> e : examples) {
            Optional<BenchSpec> spec;
            try {
                spec = e.bench(seed);
            } catch (IOException | RuntimeException ex) {
                skipped.add(new Skipped(e.name(), "its benchmark could not be built (" + ex.getMessage() + ")"));
                continue;
            }
            if (spec.isPresent()) {
                // the table compares with PyTorch: variants without a peer (a scale test) run by name only
                List<String> compared = spec.get().variants().stream().filter(v -> v.torch() != null)
                        .map(BenchSpec.Variant::name).toList();
                if (!compared.isEmpty()) {
                    results.addAll(BenchDriver.run(e, spec.get(), seed, budget, torchMissing.isEmpty(), compared));
                }
            }
        }
        return new Suite(List.copyOf(results), List.copyOf(skipped), budget, torchMissing, Instant.now());
    }
}
