package org.sdzoo.examples.kernelregression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sdzoo.examples.CsvData;
import org.sdzoo.examples.ExampleResult;
import org.sdzoo.examples.RunFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.plot.LossCurvePlot;
import org.sdzoo.zoo.train.EpochRecord;
import org.sdzoo.zoo.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a saved parametric kernel-regression model further on new data. A kernel-regression
 * model's memory is its training data, so the new data becomes the memory of a new model built
 * from the saved config, which starts from the saved {@code w} and is trained with the example's
 * settings on the leave-one-out batch.
 */
public final class KernelRegressionFineTune {

    private static final Logger LOG = LoggerFactory.getLogger(KernelRegressionFineTune.class);

    private KernelRegressionFineTune() {
    }

    /**
     * The numbers of a fine-tuning run; the MSEs are leave-one-out on the new data.
     *
     * @param losses    loss per epoch
     * @param wBefore   the loaded {@code w}
     * @param w         the fine-tuned {@code w}
     * @param mseBefore leave-one-out MSE on the new data with the loaded {@code w}
     * @param mseAfter  the same after fine-tuning
     * @param outDir    where the files were written
     */
    public record Result(List<Double> losses, double[] wBefore, double[] w, double mseBefore, double mseAfter,
                         Path outDir) implements ExampleResult {

        @Override
        public String table() {
            StringBuilder s = new StringBuilder("Fine-tuned kernel regression\n");
            s.append(String.format("%-8s %s%n", "epoch", "loss"));
            for (int e = 0; e < losses.size(); e++) {
                s.append(String.format("%-8d %.6f%n", e + 1, losses.get(e)));
            }
            s.append(String.format("%-8s %-24s %s%n", "", "w", "leave-one-out MSE"));
            s.append(String.format("%-8s %-24s %.6f%n", "before", java.util.Arrays.toString(wBefore), mseBefore));
            s.append(String.format("%-8s %-24s %.6f%n", "after", java.util.Arrays.toString(w), mseAfter));
            s.append("files: ").append(outDir).append('\n');
            return s.toString();
        }
    }

    /** Fine-tunes {@code loaded} on {@code data}, writing {@code model.sdz}, {@code history.csv}, {@code result.json}. */
    public static Result run(ZooModel loaded, KernelRegressionExample.Options options) throws IOException {
        if (!(loaded.config() instanceof KernelRegressionConfig config)) {
            throw new IllegalArgumentException("the model is a " + loaded.config().architecture()
                    + " model, not kernel-regression");
        }
        if (!config.trainable()) {
            throw new IllegalArgumentException("this kernel-regression model uses the " + config.estimator()
                    + " estimator, which has no parameter to fine-tune: only PARAMETRIC models can be trained");
        }
        if (options.data() == null) {
            throw new IllegalArgumentException("fine-tune needs the new data: give --data file.csv --x ... --y ...");
        }
        CsvData data = CsvData.read(options.data(), options.x(), options.y());
        if (data.numFeatures() != config.numFeatures()) {
            throw new IllegalArgumentException("the model takes " + config.numFeatures() + " input column"
                    + (config.numFeatures() == 1 ? "" : "s") + " but --x names " + data.numFeatures() + ": "
                    + options.x());
        }
        if (data.size() < 2) {
            throw new IllegalArgumentException(options.data() + " has 1 row: leave-one-out training needs at least 2");
        }
        var trainerConfig = KernelRegressionExample.trainerConfig(options.epochs(), options.learningRate(),
                options.seed(), options.maxSteps());
        Path out = RunFiles.outDir(options.out(), "fine-tune");
        Files.createDirectories(out);

        ZooModel model = KernelRegression.create(config, data.x(), data.y());
        model.copyParametersFrom(loaded.sameDiff(), "the loaded model");
        double[] wBefore = KernelRegressionExample.w(model);
        double mseBefore = KernelRegressionExample.leaveOneOutMse(model, data.x(), data.y());
        LOG.info("Fine-tuning on {} ({} rows) from w = {}, writing to {}", data.file(), data.size(),
                java.util.Arrays.toString(wBefore), out);
        TrainingResult training = KernelRegressionExample.train(model, data.x(), data.y(), trainerConfig, out,
                options.quiet(), data.file().getFileName().toString(), null).result();
        double mseAfter = KernelRegressionExample.leaveOneOutMse(model, data.x(), data.y());

        ModelArchive.save(out.resolve(KernelRegressionExample.MODEL_SDZ), model, ArchiveMetadata.of(
                data.file().getFileName().toString(), options.seed(), Map.of("mse_loo", mseAfter), training.seconds()));
        LossCurvePlot.fromHistoryCsv(out.resolve(KernelRegressionExample.HISTORY_CSV),
                out.resolve(KernelRegressionExample.LOSS_PNG), "fine-tuned kernel regression");
        List<Double> losses = training.history().stream().map(EpochRecord::loss).toList();
        Result result = new Result(losses, wBefore, KernelRegressionExample.w(model), mseBefore, mseAfter, out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("losses", losses);
        json.put("w_before", wBefore.length == 1 ? (Object) wBefore[0] : wBefore);
        json.put("w", result.w().length == 1 ? (Object) result.w()[0] : result.w());
        json.put("mse_loo_before", mseBefore);
        json.put("mse_loo_after", mseAfter);
        json.put("seed", options.seed());
        json.put("epochs", training.history().size());
        json.put("train_seconds", training.seconds());
        RunFiles.writeJson(out.resolve(KernelRegressionExample.RESULT_JSON), json);
        return result;
    }
}
