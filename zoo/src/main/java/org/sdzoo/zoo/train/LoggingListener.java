package org.sdzoo.zoo.train;

import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SLF4J line per epoch: loss, metrics, learning rate and time. */
public final class LoggingListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("org.sdzoo.train");

    private int epochs;

    @Override
    public void onTrainStart(int firstEpoch, int epochs, long totalSteps, long stepsDone) {
        this.epochs = epochs;
        LOG.info("Training epochs {}..{}{}", firstEpoch, epochs, totalSteps > 0 ? " (" + totalSteps + " steps)" : "");
    }

    @Override
    public void onEpochEnd(EpochRecord r, List<EpochRecord> history) {
        String metrics = r.metrics().entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", "));
        LOG.info("epoch {}/{} loss {}{} lr {} ({} s)", r.epoch(), epochs, format(r.loss()),
                metrics.isEmpty() ? "" : ", " + metrics, String.format("%.3g", r.learningRate()),
                String.format("%.1f", r.seconds()));
    }

    @Override
    public void onValidation(int epoch, long step, java.util.Map<String, Double> metrics) {
        LOG.info("epoch {}/{} step {}: {}", epoch, epochs, step, metrics.entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", ")));
    }

    @Override
    public void onTrainEnd(TrainingResult result) {
        LOG.info("Done: {} steps in {} s; best {} {} at epoch {}{}", result.steps(),
                String.format("%.1f", result.seconds()), result.monitor(), format(result.bestValue()),
                result.bestEpoch(), result.stoppedEarly() ? " (stopped early)" : "");
    }

    private static String format(double v) {
        return String.format("%.6g", v);
    }
}
