package org.sdzoo.examples.translation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.text.ParallelBatches;
import org.sdzoo.examples.DataSource;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * A measurement, not a unit test (run by hand, needs Multi30k under {@code SDZOO_DATA_DIR}): the
 * first training steps of {@code transformer-multi30k} in its epoch-0 order, one line per step
 * with the batch's shape, whether the plan ran it, its seconds and the process's resident and
 * peak memory. A bucket's first step plans (session run, compile, two checking runs); with
 * {@code -Dlogback.configurationFile} setting {@code org.sdzoo.zoo.plan} to DEBUG the log also
 * shows each plan's bytes.
 *
 * <pre>OMP_NUM_THREADS=1 SDZOO_DATA_DIR=/work/shared/datasets java -Xmx4g \
 *     -cp examples/target/sdzoo.jar:examples/target/test-classes \
 *     org.sdzoo.examples.translation.Multi30kStepProfile [steps]</pre>
 */
public final class Multi30kStepProfile {

    private Multi30kStepProfile() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        TransformerMulti30kExample example = new TransformerMulti30kExample();
        TranslationData data = example.data(new DataSource(null, List.of(), null, 42, DataDirectory.resolve(null)));
        ParallelBatches train = (ParallelBatches) data.train(42);
        System.out.printf("%d batches an epoch; shapes {B, S, T}: %s%n", train.batchesPerEpoch(),
                train.shapes().stream().map(Arrays::toString).toList());
        ZooModel model = example.model(example.config(data, null), data);
        TrainingSession session = Trainer.builder().config(example.trainerDefaults()).build()
                .session(model, example.task());
        MultiDataSetIterator it = train;
        long start = System.nanoTime();
        for (int i = 0; i < steps && it.hasNext(); i++) {
            MultiDataSet batch = it.next();
            long t = System.nanoTime();
            double loss = session.step(batch);
            System.out.printf("step %d %s loss %.4f planned %s %.2f s %s%n", i,
                    Arrays.toString(batch.getFeatures(0).shape()), loss, session.lastStepPlanned(),
                    (System.nanoTime() - t) / 1e9, memory());
        }
        System.out.printf("%d steps in %.1f s%n", steps, (System.nanoTime() - start) / 1e9);
    }

    /** @return the resident and peak resident memory, from /proc/self/status */
    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " "))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
