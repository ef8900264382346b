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
 * @param itemsPerSecond  training speed in the epoch: tokens per second for language models, sequences per
 *                        second otherwise (NaN in rows written before the column existed)
 */
public record EpochRecord(int epoch, long step, double learningRate, double trainLoss, double validation,
                          double seconds, double itemsPerSecond) {

    static final String CSV_HEADER = "epoch,step,lr,train_loss,validation_metric,seconds,items_per_second";
    /** The columns that measure time, which differ between otherwise identical runs. */
    public static final java.util.List<String> TIMING_COLUMNS = java.util.List.of("seconds", "items_per_second");

    String toCsv() {
        // Full precision, so that a resumed run's history equals an uninterrupted one's.
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%.1f,%.0f",
                epoch, step, learningRate, trainLoss, validation, seconds, itemsPerSecond);
    }

    /** A whole {@code metrics.csv}: the header and one row per record. */
    static String toCsv(java.util.List<EpochRecord> history) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        history.forEach(record -> csv.append(record.toCsv()).append('\n'));
        return csv.toString();
    }

    /** The records of a whole {@code metrics.csv} text, as {@link #toCsv(java.util.List)} writes it. */
    static java.util.List<EpochRecord> fromCsv(String csv) {
        return csv.lines().filter(line -> !line.isBlank() && !line.startsWith("epoch")).map(EpochRecord::fromCsvRow)
                .toList();
    }

    private static EpochRecord fromCsvRow(String line) {
        String[] cells = line.split(",");
        return new EpochRecord(Integer.parseInt(cells[0]), Long.parseLong(cells[1]), Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3]), Double.parseDouble(cells[4]), Double.parseDouble(cells[5]),
                cells.length > 6 ? Double.parseDouble(cells[6]) : Double.NaN);
    }
}
