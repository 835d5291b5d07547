package org.sdzoo.zoo.models.gcn;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.RandomGraph;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.plan.PlanProfile;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * A measurement, not a unit test (run by hand): where a GCN training step's time goes, on the
 * benchmark's random graph of Cora's shapes (or the 100k-node one): the Java-side input
 * preparation ({@code ZooModel.placeholders}: checks, {@link GraphFeed}), the whole trainer step,
 * and, with {@code -Dsdzoo.plan.profile=true}, the plan's time per op kind.
 *
 * <pre>java -Dsdzoo.plan.profile=true -cp examples/target/sdzoo.jar:zoo/target/test-classes \
 *     org.sdzoo.zoo.models.gcn.GcnStepProfile [dense|edge-list|edge-list+csr|large] [steps]</pre>
 */
public final class GcnStepProfile {

    private GcnStepProfile() {
    }

    public static void main(String[] args) {
        String form = args.length > 0 ? args[0] : "edge-list+csr";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean large = form.equals("large");
        GraphData graph = large ? RandomGraph.of("random graph, 100k nodes", 100_000, 500_000, 64, 64, 7, 1)
                : RandomGraph.coraShaped(1);
        GcnConfig config = GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses())
                .bias(false).sparseFeatures(form.endsWith("csr"))
                .propagation(form.equals("dense") ? PropagationForm.DENSE : PropagationForm.EDGE_LIST).build();
        ZooModel model = Gcn.create(config, 1);
        MultiDataSet batch = GcnInputs.nodeBatch(graph, config,
                graph.split().orElseThrow().trainMask(graph.numNodes(), DataType.FLOAT));
        MaskedClassificationTask task = new MaskedClassificationTask(config.numClasses());
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().learningRate(0.01).weightDecay(5e-4)
                .weightDecayParameters(java.util.regex.Pattern.quote(Gcn.weightName(0))).seed(1).build())
                .build().session(model, task);
        int warmUp = large ? 1 : steps;
        for (int i = 0; i < warmUp; i++) {
            session.step(batch);
        }
        PlanProfile.drain();
        long feed = 0;
        long step = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            model.placeholders(batch);
            long t1 = System.nanoTime();
            session.step(batch);
            long t2 = System.nanoTime();
            feed += t1 - t0;
            step += t2 - t1;
        }
        Map<String, long[]> ops = PlanProfile.drain();
        System.out.printf("%s, %d steps, planned %s%n", form, steps, session.lastStepPlanned());
        System.out.printf("  whole training step     %9.3f ms%n", step / 1e6 / steps);
        System.out.printf("  of which inputs (Java)  %9.3f ms  (ZooModel.placeholders: checks, GraphFeed)%n",
                feed / 1e6 / steps);
        long inOps = ops.values().stream().mapToLong(t -> t[0]).sum();
        System.out.printf("  of which plan ops       %9.3f ms%n", inOps / 1e6 / steps);
        ops.forEach((k, t) -> System.out.printf("    %-28s %9.3f ms  (%d calls a step)%n", k, t[0] / 1e6 / steps,
                t[1] / steps));
    }
}
