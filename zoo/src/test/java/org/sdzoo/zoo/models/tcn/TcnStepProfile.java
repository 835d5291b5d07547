package org.sdzoo.zoo.models.tcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.sequence.AddingProblem;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.plan.PlanProfile;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * A measurement, not a unit test (run by hand): where a TCN training step's time and memory go,
 * at {@code sdzoo bench}'s shapes: adding (batch 32, T 600, 8 levels of 30, kernel 7, no dropout,
 * Adam 4e-3) or seq-MNIST (batch 64, T 784, 8 levels of 25, kernel 7, dropout 0.05, Adam 2e-3).
 * Prints the whole step, the plan's time per op kind (with {@code -Dsdzoo.plan.profile=true}) and
 * the process's resident memory (Linux {@code VmRSS}, peak {@code VmHWM}) after the first step
 * (the one that plans) and after the timed ones.
 *
 * <pre>OMP_NUM_THREADS=1 nice java -Dsdzoo.plan.profile=true \
 *     -cp zoo/target/classes:zoo/target/test-classes:examples/target/sdzoo.jar \
 *     org.sdzoo.zoo.models.tcn.TcnStepProfile [adding|seq-mnist] [steps]</pre>
 */
public final class TcnStepProfile {

    private TcnStepProfile() {
    }

    public static void main(String[] args) throws IOException {
        String workload = args.length > 0 ? args[0] : "adding";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean adding = workload.equals("adding");
        TcnConfig config = TcnConfig.builder().inputChannels(adding ? 2 : 1).levels(8, adding ? 30 : 25).kernelSize(7)
                .dropout(adding ? 0.0 : 0.05).head(TcnHead.LAST_STEP).outputs(adding ? 1 : 10).seed(42).build();
        MultiDataSet batch;
        Task task;
        if (adding) {
            batch = AddingProblem.generate(32, 600, 42, DataType.FLOAT).asBatch();
            task = new RegressionTask(RegressionTask.Loss.MSE);
        } else {
            INDArray labels = Nd4j.createFromArray(new java.util.Random(1).ints(64, 0, 10).asDoubleStream().toArray())
                    .castTo(DataType.FLOAT);
            batch = new MultiDataSet(Nd4j.rand(DataType.FLOAT, 64, 1, 784), labels);
            task = new ClassificationTask(10);
        }
        ZooModel model = Tcn.create(config);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().learningRate(adding ? 4e-3 : 2e-3)
                .seed(1111).build()).build().session(model, task);
        System.out.printf("%s before the first step: %s%n", workload, memory());
        double firstLoss = session.step(batch);
        System.out.printf("after the first step (plans): %s%n", memory());
        if (Boolean.getBoolean("tcn.profile.gc")) {
            System.gc();
            System.out.printf("after System.gc(): %s%n", memory());
        }
        session.step(batch);
        PlanProfile.drain();
        long total = 0;
        double loss = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            loss = session.step(batch);
            total += System.nanoTime() - t0;
        }
        Map<String, long[]> ops = PlanProfile.drain();
        System.out.printf("after %d more steps: %s%n", steps + 1, memory());
        System.out.printf("%s, %d steps, planned %s, first loss %.9g, last loss %.9g%n", workload, steps,
                session.lastStepPlanned(), firstLoss, loss);
        System.out.printf("  whole training step     %9.1f ms%n", total / 1e6 / steps);
        long inOps = ops.values().stream().mapToLong(t -> t[0]).sum();
        System.out.printf("  of which plan ops       %9.1f ms%n", inOps / 1e6 / steps);
        ops.forEach((k, t) -> System.out.printf("    %-28s %9.1f ms  (%d calls a step)%n", k, t[0] / 1e6 / steps,
                t[1] / steps));
        model.predict(batch.getFeatures(0));           // plans
        model.predict(batch.getFeatures(0));
        PlanProfile.drain();
        long forward = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            model.predict(batch.getFeatures(0));
            forward += System.nanoTime() - t0;
        }
        Map<String, long[]> fwdOps = PlanProfile.drain();
        System.out.printf("  forward pass            %9.1f ms%n", forward / 1e6 / steps);
        fwdOps.forEach((k, t) -> System.out.printf("    %-28s %9.1f ms  (%d calls a pass)%n", k,
                t[0] / 1e6 / steps, t[1] / steps));
        System.out.printf("at the end: %s%n", memory());
    }

    /** @return the process's resident set and its peak, from /proc/self/status (Linux) */
    private static String memory() throws IOException {
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        Runtime rt = Runtime.getRuntime();
        return "RSS " + rss + ", peak " + peak + "; JavaCPP off-heap " + org.bytedeco.javacpp.Pointer.totalBytes() / 1024
                + " kB, Java heap used " + (rt.totalMemory() - rt.freeMemory()) / 1024 + " kB of "
                + rt.totalMemory() / 1024 + " kB";
    }
}
