package org.sdzoo.examples.hitmac;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.examples.BenchDriver;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.examples.TorchReference;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacAttentionConfig;
import org.sdzoo.zoo.models.hitmac.HitMacCoordinatorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacNetworks;
import org.sdzoo.zoo.models.hitmac.HitMacPolicy;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * {@code sdzoo bench hitmac}: inference (no gradients) of the coordinator for one observation and
 * for 1,000 at once, of the executor for the 4 cameras of one executor step and for 1,000
 * observations, and of the attention layer alone at batch 4 and 64, beside PyTorch's
 * {@code hitmac_torch.py} on the same shapes in the same run. Fresh float32 models of the
 * published sizes: the time does not depend on the weights. The small cases run with one ND4J op
 * thread ({@link OpThreads}), as the episodes do: PyTorch, too, runs ops this small on one thread.
 */
final class HitMacBench {

    static final String TORCH_SCRIPT = "/org/sdzoo/examples/bench/hitmac_torch.py";
    /** The script's time of the coordinator with the authors' per-prefix critic loop, one observation. */
    static final String TORCH_LOOP_KEY = "coordinator_loop_b1_ms";
    /** Batched cases run this many times fewer iterations (as the script does). */
    private static final int BATCHED_DIVISOR = 50;

    private HitMacBench() {
    }

    /**
     * One timed shape: its key (shared with the Python script), the model, the outputs asked for
     * (those the script's {@code forward} returns) and its input.
     */
    private record Case(String key, String what, ZooModel model, List<String> outputs, String input, long... shape) {
    }

    static String run(int iterations, int repeats, boolean measureTorch, Path out) throws IOException {
        if (iterations < 1 || repeats < 1) {
            throw new IllegalArgumentException("--iterations and --repeats must be at least 1 (got " + iterations
                    + " and " + repeats + ")");
        }
        if (out != null) {
            RunDirectory.check(out, false, true);
        }
        ZooModel coordinator = HitMacNetworks.coordinator(HitMacCoordinatorConfig.builder().build());
        ZooModel executor = HitMacNetworks.executor(HitMacExecutorConfig.builder().build());
        ZooModel layer = HitMacNetworks.attention(HitMacAttentionConfig.builder().build());
        List<String> policy = HitMacPolicy.OUTPUTS;
        List<String> attention = List.of(HitMacNetworks.Z, HitMacNetworks.GLOBAL);
        List<Case> cases = List.of(
                new Case("coordinator_b1_ms", "coordinator, 1 observation [1, 20, 4]", coordinator, policy, HitMacNetworks.OBS, 1, 20, 4),
                new Case("coordinator_b1000_ms", "coordinator, 1000 observations [1000, 20, 4]", coordinator, policy, HitMacNetworks.OBS, 1000, 20, 4),
                new Case("executor_b4_ms", "executor, one step of 4 cameras [4, 5, 4]", executor, policy, HitMacNetworks.OBS, 4, 5, 4),
                new Case("executor_b1000_ms", "executor, 1000 observations [1000, 5, 4]", executor, policy, HitMacNetworks.OBS, 1000, 5, 4),
                new Case("attention_b4_ms", "attention layer [4, 5, 4] -> 128", layer, attention, HitMacNetworks.X, 4, 5, 4),
                new Case("attention_b64_ms", "attention layer [64, 5, 4] -> 128", layer, attention, HitMacNetworks.X, 64, 5, 4));
        int defaultThreads = OpThreads.ompThreads();
        Nd4j.getRandom().setSeed(42);
        Map<String, Double> ours = new LinkedHashMap<>();
        for (Case c : cases) {
            Map<String, INDArray> input = Map.of(c.input(), Nd4j.rand(DataType.FLOAT, c.shape()));
            boolean batched = c.shape()[0] >= 1000;
            int n = batched ? Math.max(3, iterations / BATCHED_DIVISOR) : iterations;
            try (OpThreads threads = OpThreads.limit(batched ? defaultThreads : 1)) {
                ours.put(c.key(), BenchDriver.timeAfterJitWarmUp(() -> c.model().predict(input, c.outputs()), n, repeats).medianMs());
            }
        }
        Optional<JsonNode> torch = measureTorch ? TorchReference.run(TORCH_SCRIPT,
                List.of(Integer.toString(iterations), Integer.toString(repeats)), 3600) : Optional.empty();
        ResultTable table = new ResultTable(String.format("HiT-MAC inference, float32, median ms per call over %d"
                + " repeats (%d iterations, batched cases %d, after a warm-up of as many, at least %.0f s and"
                + " %,d calls or %.0f s), %d processors", repeats, iterations,
                Math.max(3, iterations / BATCHED_DIVISOR), BenchDriver.WARM_UP_SECONDS,
                BenchDriver.WARM_UP_CALLS, BenchDriver.WARM_UP_MAX_SECONDS, Runtime.getRuntime().availableProcessors()))
                .header("sdzoo ms", "PyTorch ms");
        Map<String, Object> json = new LinkedHashMap<>();
        for (Case c : cases) {
            Double reference = torch.map(j -> j.get(c.key()).asDouble()).orElse(null);
            table.row(c.key(), ours.get(c.key()), reference);
            json.put(c.key(), ours.get(c.key()));
            if (reference != null) {
                json.put("torch_" + c.key(), reference);
                json.put("ratio_" + c.key().replace("_ms", ""), ours.get(c.key()) / reference);
            }
        }
        cases.forEach(c -> table.note(c.key() + ": " + c.what()));
        table.note("sdzoo returns the outputs PyTorch's forward returns (probabilities and value; z and global),"
                + " each a new array, through ZooModel.predict(inputs, outputs)");
        table.note("ND4J op threads: 1 for the small cases, as sdzoo reproduce hitmac plays its episodes; "
                + defaultThreads + " (ND4J's default) for the batched ones");
        table.note(torch.isPresent() ? "PyTorch measured now, same shapes (ratio = sdzoo / PyTorch; goal <= 1.0)"
                : "PyTorch not measured (--no-torch, or /usr/bin/python3 without torch)");
        torch.ifPresent(t -> {
            double loop = t.get(TORCH_LOOP_KEY).asDouble();
            table.note(String.format("PyTorch computes the coordinator's critic as sdzoo does (one projection shared by"
                    + " the 20 prefix coalitions); with the authors' loop over the prefixes, one observation takes"
                    + " %.3f ms (sdzoo / that: %.2f)", loop, ours.get("coordinator_b1_ms") / loop));
            json.put("torch_" + TORCH_LOOP_KEY, loop);
        });
        StringBuilder s = new StringBuilder(out != null ? table.table(out) : table.table(Path.of(".")).replace("files: .\n", ""));
        torch.ifPresent(t -> cases.forEach(c -> s.append(String.format("ratio %-22s %.2f%n", c.key(),
                ours.get(c.key()) / t.get(c.key()).asDouble()))));
        if (out != null) {
            RunDirectory.create(out, false, true);
            ResultTable.writeJson(out.resolve("bench.json"), json);
            s.append("wrote ").append(out.resolve("bench.json")).append('\n');
        }
        return s.toString();
    }
}
