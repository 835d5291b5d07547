package org.sdzoo.examples.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.examples.BenchDriver;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.examples.TorchReference;
import org.sdzoo.zoo.models.transformer.Seq2SeqDecoder;

/**
 * {@code sdzoo bench transformer}: at issue 15's shapes ({@link TransformerCopyExample#bench}: D 128,
 * 4 heads, FFN 512, 3+3 layers, vocabulary 1000, batch 64, lengths 32, float32) the trainer's own
 * training step and the forward pass ({@link BenchDriver}), and greedy decoding of the batch's 64
 * sources for 32 steps ({@link Seq2SeqDecoder#greedy}: the encoder once, then one decoder pass per
 * step over the growing prefixes) in tokens per second, beside {@code transformer_torch.py} in the
 * same run. A step takes about a second, so a repeat runs {@code iterations / 500} of each (2 for
 * the command's default 1000), after as many warm-up ones.
 */
final class TransformerBench {

    static final String TORCH_SCRIPT = "/org/sdzoo/examples/bench/transformer_torch.py";
    /** PyTorch's training step, ms, in the last quiet {@code bench --all} (shown when it is not run now) */
    static final double RECORDED_TRAIN_MS = 337.3;
    /** its forward pass there */
    static final double RECORDED_FORWARD_MS = 78.1;
    /** The command's --iterations suits millisecond steps; this model's take about a second. */
    static final int ITERATION_DIVISOR = 500;
    /** Decoding steps per sentence, as the PyTorch script. */
    static final int DECODE_STEPS = 32;

    private TransformerBench() {
    }

    static String run(int iterations, int repeats, boolean measureTorch, Path out) throws IOException {
        int n = Math.max(1, BenchDriver.Budget.fixed(iterations, repeats).iterations() / ITERATION_DIVISOR);
        if (out != null) {
            RunDirectory.check(out, false, true);
        }
        TransformerCopyExample copy = new TransformerCopyExample();
        BenchSpec.Variant v = copy.bench(42).orElseThrow().variants().get(0);
        BenchSpec spec = new BenchSpec(List.of(new BenchSpec.Variant("", v.shape(), v.subject(), null, n)));
        BenchDriver.Result steps = BenchDriver.run(copy, spec, 42, BenchDriver.Budget.fixed(n, repeats), false,
                List.of()).get(0);
        Greedy greedy = greedy(spec.first(), DECODE_STEPS, n, repeats);
        Optional<JsonNode> torch = measureTorch ? TorchReference.run(TORCH_SCRIPT, List.of(Integer.toString(n),
                Integer.toString(repeats)), 3600) : Optional.empty();

        ResultTable table = new ResultTable(String.format("Transformer (%s), median over %d repeats of %d iterations"
                + " after %d warm-up, %d processors", v.shape(), repeats, n, n,
                Runtime.getRuntime().availableProcessors())).header("sdzoo", "PyTorch");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shape", v.shape());
        json.put("iterations", n);
        json.put("repeats", repeats);
        row(table, json, "train_step_ms", steps.trainStep().medianMs(), torch, "train_step_ms");
        row(table, json, "forward_ms", steps.forward().medianMs(), torch, "forward_ms");
        row(table, json, "greedy_tokens_per_s", greedy.tokensPerSecond(), torch, "greedy_tokens_per_s");
        json.put("train_step_ms_spread", steps.trainStep().json());
        json.put("forward_ms_spread", steps.forward().json());
        json.put("greedy_ms_spread", greedy.timing().json());
        json.put("greedy_tokens", greedy.tokens());
        table.note(String.format("spread (min-max): train step %s ms, forward %s ms, greedy %s ms per batch of %d"
                        + " tokens", steps.trainStep().text(), steps.forward().text(), greedy.timing().text(),
                greedy.tokens()));
        torch.ifPresent(t -> {
            double train = steps.trainStep().medianMs() / t.get("train_step_ms").asDouble();
            double forward = steps.forward().medianMs() / t.get("forward_ms").asDouble();
            double decode = t.get("greedy_tokens_per_s").asDouble() / greedy.tokensPerSecond();
            json.put("ratio_train_step", train);
            json.put("ratio_forward", forward);
            json.put("ratio_greedy_time", decode);
            table.note(String.format("time ratio sdzoo / PyTorch (goal <= 1.0): train step %.2f, forward %.2f,"
                    + " greedy decoding %.2f", train, forward, decode));
        });
        table.note(torch.isPresent() ? "PyTorch 1.13 measured now, same shapes, 2 threads"
                : String.format("PyTorch not measured (--no-torch, or /usr/bin/python3 without torch); the last"
                        + " quiet bench --all (2026-12-05) measured %.0f ms per training step, %.0f ms per forward pass",
                        RECORDED_TRAIN_MS, RECORDED_FORWARD_MS));
        StringBuilder s = new StringBuilder(out != null ? table.table(out)
                : table.table(Path.of(".")).replace("files: .\n", ""));
        if (out != null) {
            RunDirectory.create(out, false, true);
            ResultTable.writeJson(out.resolve("bench.json"), json);
            s.append("wrote ").append(out.resolve("bench.json")).append('\n');
        }
        return s.toString();
    }

    private static void row(ResultTable table, Map<String, Object> json, String key, double ours,
                            Optional<JsonNode> torch, String torchKey) {
        Double reference = torch.map(t -> t.get(torchKey).asDouble()).orElse(null);
        table.row(key, ours, reference);
        json.put(key, ours);
        if (reference != null) {
            json.put("torch_" + key, reference);
        }
    }

    /**
     * @param timing ms per batch decoded
     * @param tokens tokens per batch: sentences x decoding steps run
     */
    record Greedy(BenchDriver.Timing timing, int tokens) {
        double tokensPerSecond() {
            return tokens / (timing.medianMs() / 1e3);
        }
    }

    /**
     * Times greedy decoding of the batch's sources for at most {@code maxSteps} steps with a fresh
     * model (the weights do not change the work per step).
     */
    static Greedy greedy(BenchSpec.Subject subject, int maxSteps, int iterations, int repeats) {
        Seq2SeqDecoder decoder = Seq2SeqDecoder.of(subject.model());
        INDArray src = subject.batch().getFeatures(0);                                       // [B, S]
        int[] steps = new int[1];
        BenchDriver.Timing timing = BenchDriver.time(() -> steps[0] = decodeSteps(decoder.greedy(src,
                SyntheticSequences.BOS, SyntheticSequences.EOS, maxSteps), maxSteps), iterations, repeats);
        return new Greedy(timing, (int) src.size(0) * steps[0]);
    }

    /** @return the decoder passes greedy decoding ran: the longest output, its EOS included, at most the limit */
    static int decodeSteps(int[][] decoded, int maxSteps) {
        int longest = 0;
        for (int[] row : decoded) {
            longest = Math.max(longest, row.length + 1);
        }
        return Math.min(maxSteps, longest);
    }
}
