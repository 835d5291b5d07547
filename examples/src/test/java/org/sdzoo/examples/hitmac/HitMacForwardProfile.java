package org.sdzoo.examples.hitmac;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacAttentionConfig;
import org.sdzoo.zoo.models.hitmac.HitMacCoordinatorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacNetworks;
import org.sdzoo.zoo.models.hitmac.HitMacPolicy;
import org.sdzoo.zoo.plan.PlanProfile;
import org.sdzoo.zoo.plan.PlannedGraph;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * A measurement, not a unit test (run by hand): where the time of {@code sdzoo bench hitmac}'s
 * small cases goes. Per case it splits one {@code ZooModel.predict} call into the input checks
 * ({@code placeholders}), the plan's run ({@code forwardTo(outputs).run}) and the rest (the copy of
 * every output the caller keeps, and the maps), interleaved in one JVM so that a busy machine
 * inflates all three alike; with {@code -Dsdzoo.plan.profile=steps} it then lists each plan step's
 * time.
 *
 * <pre>java -Dsdzoo.plan.profile=steps \
 *     -cp examples/target/sdzoo.jar:examples/target/test-classes \
 *     org.sdzoo.examples.hitmac.HitMacForwardProfile [calls]</pre>
 */
public final class HitMacForwardProfile {

    private static final int REPEATS = 6;
    private static final int WARM_UP_REPEATS = 2;

    private HitMacForwardProfile() {
    }

    /** A timed shape, asking for the outputs {@code sdzoo bench hitmac} asks for. */
    private record Case(String name, ZooModel model, List<String> outputs, String input, long... shape) {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ZooModel coordinator = HitMacNetworks.coordinator(HitMacCoordinatorConfig.builder().build());
        ZooModel executor = HitMacNetworks.executor(HitMacExecutorConfig.builder().build());
        ZooModel layer = HitMacNetworks.attention(HitMacAttentionConfig.builder().build());
        List<String> policy = HitMacPolicy.OUTPUTS;
        List<String> attention = List.of(HitMacNetworks.Z, HitMacNetworks.GLOBAL);
        List<Case> cases = List.of(new Case("coordinator b1", coordinator, policy, HitMacNetworks.OBS, 1, 20, 4),
                new Case("executor b4", executor, policy, HitMacNetworks.OBS, 4, 5, 4),
                new Case("attention b4", layer, attention, HitMacNetworks.X, 4, 5, 4),
                new Case("attention b64", layer, attention, HitMacNetworks.X, 64, 5, 4));
        Nd4j.getRandom().setSeed(42);
        for (Case c : cases) {
            Map<String, INDArray> input = Map.of(c.input(), Nd4j.rand(DataType.FLOAT, c.shape()));
            PlannedGraph plan = c.model().forwardTo(c.outputs());
            Map<String, INDArray> fed = c.model().placeholders(input);
            long[] nanos = new long[3];
            try (OpThreads one = OpThreads.limit(1)) {
                for (int r = 0; r < REPEATS; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        c.model().predict(input, c.outputs());
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        c.model().placeholders(input);
                    }
                    long t2 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        plan.run(fed);
                    }
                    long t3 = System.nanoTime();
                    if (r >= WARM_UP_REPEATS) {
                        nanos[0] += t1 - t0;
                        nanos[1] += t2 - t1;
                        nanos[2] += t3 - t2;
                    }
                }
            }
            double perCall = 1e3 * calls * (REPEATS - WARM_UP_REPEATS);
            System.out.printf("%-14s predict %8.1f us = input checks %6.1f + plan run %8.1f + output copies and maps"
                    + " %7.1f (%.0f%%)%n", c.name(), nanos[0] / perCall, nanos[1] / perCall, nanos[2] / perCall,
                    (nanos[0] - nanos[1] - nanos[2]) / perCall, 100.0 * (nanos[0] - nanos[1] - nanos[2]) / nanos[0]);
            PlanProfile.drain().forEach((step, t) -> System.out.printf("    %-60s %8.2f us per call%n", step,
                    t[0] / 1e3 / (t[1] == 0 ? 1 : t[1])));
        }
    }
}
