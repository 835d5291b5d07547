package org.sdzoo.zoo.train;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF4J line per epoch: loss, metrics, learning rate and time; optionally also a progress line
 * within long epochs (for logs, where no progress bar is drawn).
 */
public final class LoggingListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger("org.sdzoo.train");

    private final long progressNanos;
    private final LongSupplier clock;
    private int epochs;
    private long totalSteps;
    private long startStep;
    private long startNanos;
    private long lastNanos;
    private double lossSum;
    private int lossCount;

    /** Epoch lines only. */
    public LoggingListener() {
        this(0, System::nanoTime);
    }

    /**
     * @param progressSeconds also log a progress line (step, mean loss since the last line, time
     *                        left) at most this often within an epoch; 0 = never
     */
    public LoggingListener(double progressSeconds) {
        this(progressSeconds, System::nanoTime);
    }

    LoggingListener(double progressSeconds, LongSupplier clock) {
        if (!(progressSeconds >= 0)) {
            throw new IllegalArgumentException("progressSeconds must be 0 (off) or positive but is " + progressSeconds);
        }
        this.progressNanos = (long) (progressSeconds * 1e9);
        this.clock = clock;
    }

    @Override
    public void onTrainStart(int firstEpoch, int epochs, long totalSteps, long stepsDone) {
        this.epochs = epochs;
        this.totalSteps = totalSteps;
        this.startStep = stepsDone;
        this.startNanos = clock.getAsLong();
        this.lastNanos = startNanos;
        LOG.info("Training epochs {}..{}{}", firstEpoch, epochs, totalSteps > 0 ? " (" + totalSteps + " steps)" : "");
    }

    @Override
    public void onStep(int epoch, long step, double loss, double learningRate) {
        if (progressNanos == 0) {
            return;
        }
        if (Double.isFinite(loss)) {
            lossSum += loss;
            lossCount++;
        }
        long now = clock.getAsLong();
        if (now - lastNanos < progressNanos) {
            return;
        }
        lastNanos = now;
        double perStep = (now - startNanos) / 1e9 / Math.max(1, step - startStep);
        String of = totalSteps > 0 ? String.format("/%d (%.1f%%), %s left", totalSteps, 100.0 * step / totalSteps,
                duration(perStep * (totalSteps - step))) : "";
        LOG.info("epoch {}/{} step {}{}: loss {} (mean of the last {} steps), {} s per step", epoch, epochs, step,
                of, format(lossCount == 0 ? Double.NaN : lossSum / lossCount), lossCount,
                String.format("%.3g", perStep));
        lossSum = 0;
        lossCount = 0;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
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
