package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * What every TCN example shares: the model config is locuslab's for the task, with the input
 * channels from the data and the run's seed, under the user's {@code --config}; the model is
 * {@link Tcn#create}; the table starts with the per-epoch loss and ends with the receptive field.
 * A sequence longer than the receptive field is logged as a warning by the model itself on its first
 * batch ({@code Tcn}).
 *
 * @param <D> the example's data
 */
public abstract class TcnExample<D extends TcnData> implements Example<D> {

    /** The PyTorch side of {@code sdzoo bench}: {@code tcn_torch.py WORKLOAD ITERATIONS REPEATS}. */
    static final String TORCH_SCRIPT = "/org/sdzoo/examples/bench/tcn_torch.py";

    /** @return locuslab's model for the task; input channels and seed are set from {@code data} */
    protected abstract TcnConfig.Builder locuslab(D data);

    /**
     * Refuses a config that does not fit the data beyond its input channels (e.g. a forecaster's
     * horizon); none by default.
     *
     * @throws IllegalArgumentException naming the field and the fix
     */
    protected void checkConfig(TcnConfig config, D data) {
    }

    @Override
    public final ModelConfig config(D data, Path configFile) throws IOException {
        TcnConfig base = locuslab(data).inputChannels(data.inputChannels()).seed(data.seed()).build();
        TcnConfig config = configFile == null ? base : ConfigJson.override(base, configFile);
        if (config.inputChannels() != data.inputChannels()) {
            throw new IllegalArgumentException(configFile + " sets inputChannels " + config.inputChannels()
                    + " but the data has " + data.inputChannels() + " channel" + (data.inputChannels() == 1 ? "" : "s")
                    + ": remove inputChannels from the config");
        }
        checkConfig(config, data);
        return config;
    }

    @Override
    public ZooModel model(ModelConfig config, D data) {
        return Tcn.create((TcnConfig) config);
    }

    /** @return the task's metrics of {@code model} on the test split */
    protected Map<String, Double> test(ZooModel model, D data) {
        return Evaluator.evaluate(model, task(), data.evaluation());
    }

    /** @return a table titled {@code title} with the per-epoch training loss under {@code lossHeader} */
    protected static ResultTable table(String title, TrainingResult training, String lossHeader, RunContext run) {
        return new ResultTable(title + ", seed " + run.seed())
                .perEpoch("losses", lossHeader, ExampleRunner.losses(training));
    }

    /** Adds the model's receptive field and size to {@code table}. */
    protected static ResultTable withModelFacts(ResultTable table, ZooModel model) {
        TcnConfig c = (TcnConfig) model.config();
        return table.fact("receptive_field", c.receptiveField()).fact("levels", c.channels().size())
                .fact("kernel_size", c.kernelSize()).fact("parameters", model.parameterCount());
    }

    /**
     * A benchmark of locuslab's model on {@code batch} beside {@code tcn_torch.py workload}.
     *
     * @param recordedTrainMs   PyTorch's training step in the last quiet {@code bench --all} on the development machine
     * @param recordedForwardMs its forward pass there
     */
    protected static Optional<BenchSpec> bench(String workload, String shape, TcnConfig config, MultiDataSet batch,
                                               double recordedTrainMs, double recordedForwardMs) {
        return Optional.of(new BenchSpec(shape, Tcn.create(config), batch, new BenchSpec.TorchBench(TORCH_SCRIPT,
                "train_step_ms", "forward_ms", recordedTrainMs, recordedForwardMs,
                shape + ", " + BenchSpec.TorchBench.LAST_QUIET_LAUNCH, List.of(workload))));
    }
}
