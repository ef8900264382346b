package io.rnnkit.core.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}: how an epoch went.
 *
 * @param epoch           1-based epoch number
 * @param step            training steps (mini-batches) taken so far
 * @param learningRate    the learning rate used in this epoch
 * @param trainLoss       mean training loss over the epoch's batches
 * @param validation      the headline validation metric after the epoch (NaN if none)
 * @param seconds         wall-clock seconds since the run started
 */
public record EpochRecord(int epoch, long step, double learningRate, double trainLoss, double validation,
                          double seconds) {

    static final String CSV_HEADER = "epoch,step,lr,train_loss,validation_metric,seconds";

    String toCsv() {
        // Full precision, so that a resumed run's history equals an uninterrupted one's.
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%.1f",
                epoch, step, learningRate, trainLoss, validation, seconds);
    }

    static EpochRecord fromCsv(String line) {
        String[] cells = line.split(",");
        return new EpochRecord(Integer.parseInt(cells[0]), Long.parseLong(cells[1]), Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3]), Double.parseDouble(cells[4]), Double.parseDouble(cells[5]));
    }
}
