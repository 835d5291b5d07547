package org.sdzoo.zoo.train;

import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar over all steps, with the loss, epoch and ETA, on standard error. */
public final class ProgressBarListener implements TrainingListener {

    private ProgressBar bar;
    private int epochs;

    @Override
    public void onTrainStart(int firstEpoch, int epochs, long totalSteps, long stepsDone) {
        this.epochs = epochs;
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200).showSpeed().build();
        bar.stepTo(stepsDone);
    }

    @Override
    public void onStep(int epoch, long step, double loss, double learningRate) {
        bar.stepTo(step);
        bar.setExtraMessage(String.format(" epoch %d/%d loss %.4g", epoch, epochs, loss));
    }

    @Override
    public void onEpochEnd(EpochRecord record, List<EpochRecord> history) {
        Double val = record.metrics().get("val_loss");
        bar.setExtraMessage(String.format(" epoch %d/%d loss %.4g%s", record.epoch(), epochs, record.loss(),
                val == null ? "" : String.format(" val_loss %.4g", val)));
    }

    @Override
    public void onTrainEnd(TrainingResult result) {
        if (bar != null) {
            bar.close();
        }
    }
}
