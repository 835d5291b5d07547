package org.sdzoo.examples.transformer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.plan.PlanProfile;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * A measurement, not a unit test (run by hand): where the time of {@code sdzoo bench transformer}'s
 * training step and forward pass goes, per op kind of the plan, at the bench's shapes.
 *
 * <pre>OMP_NUM_THREADS=1 java -Dsdzoo.plan.profile=true \
 *     -cp examples/target/sdzoo.jar:examples/target/test-classes \
 *     org.sdzoo.examples.transformer.TransformerStepProfile [steps]</pre>
 */
public final class TransformerStepProfile {

    private TransformerStepProfile() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TransformerCopyExample copy = new TransformerCopyExample();
        BenchSpec.Subject subject = copy.bench(42).orElseThrow().first();
        ZooModel model = subject.model();
        TrainingSession session = Trainer.builder().config(copy.trainerDefaults().toBuilder().seed(42).build())
                .build().session(model, copy.task());
        List<TensorSpec> specs = new ArrayList<>(model.inputs());
        specs.addAll(model.optionalInputs());
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        INDArray[] features = subject.batch().getFeatures();
        for (int i = 0; i < features.length; i++) {
            inputs.put(specs.get(i).name(), features[i]);
        }
        for (int i = 0; i < 2; i++) {
            session.step(subject.batch());
            model.predict(inputs);
        }
        report("training step", steps, () -> session.step(subject.batch()));
        System.out.printf("  planned: %s%n", session.lastStepPlanned());
        report("forward", steps, () -> model.predict(inputs));
    }

    private static void report(String what, int steps, Runnable run) {
        PlanProfile.drain();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            run.run();
        }
        long total = System.nanoTime() - start;
        Map<String, long[]> ops = PlanProfile.drain();
        long inOps = ops.values().stream().mapToLong(t -> t[0]).sum();
        System.out.printf("%s, %d runs: %.1f ms per run, of which plan ops %.1f ms%n", what, steps, total / 1e6 / steps,
                inOps / 1e6 / steps);
        ops.forEach((k, t) -> System.out.printf("    %-60s %9.2f ms %5.1f%%  (%d calls a run)%n", k, t[0] / 1e6 / steps,
                100.0 * t[0] / Math.max(1, inOps), t[1] / steps));
    }
}
