package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sdzoo.examples.kernelregression.KernelRegressionExample;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/** {@code bench --all} on fake examples: which rows, which keys, which lines; no timing is asserted. */
class BenchSuiteTest {

    private static final BenchSpec.TorchBench FAKE_TORCH = new BenchSpec.TorchBench(
            "/org/sdzoo/examples/bench/fake_torch.py", "train_ms", "forward_ms", 4.0, 1.0, "fake");

    private static final BenchDriver.Budget TINY = new BenchDriver.Budget(3, 2, 0.001);

    /**
     * The kernel-regression example's model and batch under another name, with the fake PyTorch
     * script; {@code bench} empty or failing on demand. Only what the bench reads is implemented.
     */
    record Fake(String name, boolean hasBench, String failure) implements Example<KernelRegressionExample.Data> {
        private static final KernelRegressionExample INNER = new KernelRegressionExample();

        @Override
        public About about() {
            return new About(name, "a fake for BenchSuiteTest", INNER.architecture(), INNER.dataFormats());
        }

        @Override
        public Task task() {
            return INNER.task();
        }

        @Override
        public TrainerConfig trainerDefaults() {
            return INNER.trainerDefaults();
        }

        @Override
        public KernelRegressionExample.Data data(DataSource source) throws IOException {
            return INNER.data(source);
        }

        @Override
        public ModelConfig config(KernelRegressionExample.Data data, Path configFile) throws IOException {
            return INNER.config(data, configFile);
        }

        @Override
        public ZooModel model(ModelConfig config, KernelRegressionExample.Data data) {
            return INNER.model(config, data);
        }

        @Override
        public ResultTable results(ZooModel trained, TrainingResult training, KernelRegressionExample.Data data,
                                   RunContext run) throws IOException {
            return INNER.results(trained, training, data, run);
        }

        @Override
        public Optional<BenchSpec> bench(long seed) throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            if (!hasBench) {
                return Optional.empty();
            }
            BenchSpec spec = INNER.bench(seed).orElseThrow();
            BenchSpec.Variant v = spec.variants().get(0);
            return Optional.of(new BenchSpec(List.of(new BenchSpec.Variant(v.name(), v.shape(), v.subject(), FAKE_TORCH,
                    v.iterations()))));
        }
    }

    private static final List<Example<?>> EXAMPLES = List.of(new Fake("fake-a", true, null),
            new Fake("fake-none", false, null), new Fake("fake-nodata", true, "no Cora under /nowhere"));

    @Test
    void oneRowPerDeclaredBenchmarkAndALineForEachSkip() throws IOException {
        BenchSuite.Suite suite = BenchSuite.run(EXAMPLES, 1, TINY, false);
        assertEquals(List.of("fake-a"), suite.results().stream().map(BenchDriver.Result::example).toList());
        assertEquals(List.of(new BenchSuite.Skipped("fake-nodata",
                "its benchmark could not be built (no Cora under /nowhere)")), suite.skipped());
        String table = suite.table();
        assertTrue(table.contains("fake-a") && table.contains("train") && table.contains("forward"), table);
        assertFalse(table.contains("fake-none"), "an example without a benchmark is not listed: " + table);
        assertTrue(table.contains("skipped fake-nodata: its benchmark could not be built"), table);
        assertTrue(table.contains("PyTorch skipped: --no-torch"), table);
        assertTrue(table.contains("[4.000]"), "recorded medians in brackets: " + table);
        Map<String, Object> json = suite.json();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> models = (Map<String, Map<String, Object>>) json.get("models");
        Map<String, Object> row = models.get("fake-a");
        assertTrue(row.containsKey("sdzoo_train_step_ms") && row.containsKey("sdzoo_forward_ms"), row.toString());
        assertEquals(4.0, ((Map<?, ?>) row.get("torch_train_step_ms")).get("median"));
        assertNull(row.get("ratio_train_step_sdzoo_over_torch"), "no ratio against another machine's numbers");
        assertEquals(Map.of("fake-nodata", "its benchmark could not be built (no Cora under /nowhere)"),
                json.get("skipped"));
    }

    @Test
    void readsTheScriptsMediansAndSpreadWhenPythonRuns() throws IOException {
        BenchSuite.Suite suite = BenchSuite.run(List.of(EXAMPLES.get(0)), 1, TINY, true);
        BenchDriver.Result r = suite.results().get(0);
        if (suite.torchMissing().isPresent()) {
            assertFalse(r.torch().measured());
            assertTrue(suite.table().contains("PyTorch skipped: " + suite.torchMissing().get()), suite.table());
            return;
        }
        assertTrue(r.torch().measured(), r.torch().source());
        assertEquals(2.0, r.torch().trainStep().medianMs());
        assertEquals(1.0, r.torch().trainStep().minMs());
        assertEquals(3.0, r.torch().trainStep().maxMs());
        assertEquals(0.5, r.torch().forward().medianMs());
        assertEquals(r.trainStep().medianMs() / 2.0, r.trainRatio(), 1e-12);
        assertTrue(suite.table().contains("2.000 (1.000-3.000)"), suite.table());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> models = (Map<String, Map<String, Object>>) suite.json().get("models");
        assertEquals(r.trainRatio(), models.get("fake-a").get("ratio_train_step_sdzoo_over_torch"));
    }

    @Test
    void iterationsFollowTheTimeBudgetWithinTheCap() {
        BenchDriver.Budget budget = new BenchDriver.Budget(100, 3, 0.5);
        assertEquals(100, budget.iterationsFor(0.001));
        assertEquals(5, budget.iterationsFor(100));
        assertEquals(1, budget.iterationsFor(2000));
        assertEquals(7, BenchDriver.Budget.fixed(7, 1).iterationsFor(2000));
        assertThrows(IllegalArgumentException.class, () -> new BenchDriver.Budget(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BenchDriver.Budget(1, 1, -1));
    }
}
