package org.sdzoo.zoo.models.gcn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.NodeSplit;
import org.sdzoo.datasets.graph.Planetoid;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * A measurement, not a unit test (run by hand; the numbers go in the closing note):
 * Kipf's protocol on Cora (200 epochs, Adam 0.01, hidden 16, dropout 0.5, weight decay 5e-4 on
 * the first layer's weight, early stopping on the validation loss with patience 10) for several
 * seeds, then the median full-batch training step ({@code TrainingSession.step}: forward,
 * masked loss, gradients, Adam) in the three forms.
 *
 * <pre>SDZOO_DATA_DIR=... java -cp ... org.sdzoo.zoo.models.gcn.GcnCoraMeasure [seeds] [timedSteps] [forms|none] [firstSeed]</pre>
 */
public final class GcnCoraMeasure {

    private GcnCoraMeasure() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int timedSteps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String forms = args.length > 2 ? args[2] : "dense,edge_list,edge_list_sparse_features";
        int firstSeed = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        GraphData cora = Planetoid.load(Planetoid.Name.CORA, Path.of(System.getenv(DataDirectory.ENV_VAR)));
        NodeSplit split = cora.split().orElseThrow();
        GcnConfig base = GcnConfig.builder().inputFeatures(cora.numFeatures()).numClasses(cora.numClasses())
                .sparseFeatures(true).propagation(PropagationForm.EDGE_LIST).build();

        List<Double> accuracies = new ArrayList<>();
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
            ZooModel model = Gcn.create(base, seed);
            MaskedClassificationTask task = new MaskedClassificationTask(base.numClasses());
            TrainerConfig tc = TrainerConfig.builder().learningRate(0.01).weightDecay(5e-4)
                    .weightDecayParameters(java.util.regex.Pattern.quote(Gcn.weightName(0))).epochs(200).monitor("val_loss").patience(10).seed(seed).build();
            long t0 = System.nanoTime();
            TrainingResult r = Trainer.builder().config(tc).build().fit(model, task,
                    iterator(cora, base, split.trainMask(cora.numNodes(), DataType.FLOAT)),
                    iterator(cora, base, split.valMask(cora.numNodes(), DataType.FLOAT)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> test = Evaluator.evaluate(model, task,
                    iterator(cora, base, split.testMask(cora.numNodes(), DataType.FLOAT)));
            accuracies.add(test.get("accuracy"));
            System.out.printf("seed %d: %d epochs in %.1f s, test accuracy %.4f, test loss %.4f%n", seed,
                    r.history().size(), seconds, test.get("accuracy"), test.get("loss"));
        }
        if (!accuracies.isEmpty()) {
            double mean = accuracies.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            double sd = Math.sqrt(accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
                    / Math.max(1, accuracies.size() - 1));
            System.out.printf("Cora test accuracy over %d seeds: %.2f ± %.2f %% (paper 81.5)%n", accuracies.size(),
                    100 * mean, 100 * sd);
        }

        for (String form : forms.equals("none") ? new String[0] : forms.split(",")) {
            GcnConfig c = base.toBuilder().propagation(form.startsWith("dense") ? PropagationForm.DENSE
                    : PropagationForm.EDGE_LIST).sparseFeatures(form.endsWith("sparse_features")).build();
            ZooModel model = Gcn.create(c, 1);
            MultiDataSet batch = GcnInputs.nodeBatch(cora, c, split.trainMask(cora.numNodes(), DataType.FLOAT));
            TrainingSession session = Trainer.builder().config(TrainerConfig.builder().learningRate(0.01)
                    .weightDecay(5e-4).weightDecayParameters(java.util.regex.Pattern.quote(Gcn.weightName(0))).build()).build()
                    .session(model, new MaskedClassificationTask(c.numClasses()));
            for (int i = 0; i < 10; i++) {
                session.step(batch);
            }
            double[] ms = new double[timedSteps];
            for (int i = 0; i < timedSteps; i++) {
                long t0 = System.nanoTime();
                session.step(batch);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double[] feed = new double[timedSteps];
            for (int i = 0; i < timedSteps; i++) {
                long t0 = System.nanoTime();
                model.placeholders(batch);
                feed[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(feed);
            System.out.printf("sdzoo %-28s median %.2f ms (min %.2f, max %.2f) over %d steps;"
                    + " of which the Java-side input preparation (ZooModel.placeholders) median %.2f ms%n", form,
                    ms[ms.length / 2], ms[0], ms[ms.length - 1], ms.length, feed[feed.length / 2]);
        }
    }

    private static SingletonMultiDataSetIterator iterator(GraphData graph, GcnConfig config,
                                                          org.nd4j.linalg.api.ndarray.INDArray mask) {
        return new SingletonMultiDataSetIterator(GcnInputs.nodeBatch(graph, config, mask));
    }
}
