package org.sdzoo.examples.kernelregression;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleResult;
import org.sdzoo.examples.TrainRequest;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;

/** Registers {@link KernelRegressionExample} with the command line. */
public final class KernelRegressionEntry implements Example {

    @Override
    public String name() {
        return KernelRegressionExample.NAME;
    }

    @Override
    public String description() {
        return "d2l attention pooling: average, fixed and learned Gaussian kernel on 2 sin x + x^0.8 (or --data)";
    }

    @Override
    public String architecture() {
        return KernelRegressionConfig.ARCHITECTURE;
    }

    @Override
    public Task task() {
        return new RegressionTask(KernelRegressionExample.LOSS);
    }

    @Override
    public ExampleResult train(TrainRequest request) throws IOException {
        return KernelRegressionExample.run(options(request));
    }

    @Override
    public ExampleResult fineTune(ZooModel loaded, TrainRequest request) throws IOException {
        return KernelRegressionFineTune.run(loaded, options(request));
    }

    /** Leave-one-out over the model's own memory: each key predicted from the others. */
    @Override
    public Map<String, Double> evaluateWithoutData(ZooModel model) {
        INDArray keys = model.sameDiff().getArrForVarName(KernelRegression.KEYS);
        INDArray values = model.sameDiff().getArrForVarName(KernelRegression.VALUES);
        if (keys.size(0) < 2) {
            throw new IllegalArgumentException("the model's memory has 1 point: leave-one-out needs 2; give --data");
        }
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(keys, values, model.dataType());
        Map<String, Double> metrics = new LinkedHashMap<>(Evaluator.evaluate(model, task(),
                DataIterators.fullBatch(batch.getFeatures(), batch.getLabels())));
        return metrics;
    }

    private static KernelRegressionExample.Options options(TrainRequest r) {
        var o = KernelRegressionExample.Options.defaults(r.out());
        if (r.seed() != null) {
            o = o.withSeed(r.seed());
        }
        if (r.epochs() != null) {
            o = o.withEpochs(r.epochs());
        }
        if (r.learningRate() != null) {
            o = o.withLearningRate(r.learningRate());
        }
        if (r.maxSteps() != null) {
            o = o.withMaxSteps(r.maxSteps());
        }
        if (r.data() != null || !r.x().isEmpty() || r.y() != null) {
            o = o.withData(r.data(), r.x(), r.y());
        }
        return o.withConfigFile(r.configFile()).withQuiet(r.quiet()).withResume(r.resume());
    }
}
