package io.rnnkit.core.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how an epoch goes: a terminal progress bar with loss, throughput and ETA, or plain log
 * lines every few seconds when the output is not a terminal.
 */
abstract class Progress implements AutoCloseable {

    /** Picks the bar on a terminal and log lines elsewhere. */
    static Progress forEpoch(int epoch, int epochs, long expectedBatches, String unit) {
        String title = "epoch " + epoch + "/" + epochs;
        return System.console() != null
                ? new Bar(title, expectedBatches, unit)
                : new LogLines(title, expectedBatches, unit);
    }

    abstract void step(double loss, long items, double itemsPerSecond);

    @Override
    public abstract void close();

    /** The loss (left out when NaN: engines that fit batches elsewhere report it per epoch) and throughput. */
    static String extra(double loss, double itemsPerSecond, String unit) {
        String rate = String.format(Locale.ROOT, "%.0f %s/s", itemsPerSecond, unit);
        return Double.isNaN(loss) ? rate : String.format(Locale.ROOT, "loss %.4f, %s", loss, rate);
    }

    /** A me.tongfei progress bar on the terminal. */
    private static final class Bar extends Progress {
        private final ProgressBar bar;
        private final String unit;

        Bar(String title, long expectedBatches, String unit) {
            this.unit = unit;
            this.bar = new ProgressBarBuilder().setTaskName(title).setInitialMax(expectedBatches > 0 ? expectedBatches : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        void step(double loss, long items, double itemsPerSecond) {
            bar.step();
            bar.setExtraMessage(" " + extra(loss, itemsPerSecond, unit));
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Periodic SLF4J lines for logs and CI. */
    private static final class LogLines extends Progress {
        private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
        private static final long INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
        private final String title;
        private final long expectedBatches;
        private final String unit;
        private final long started = System.nanoTime();
        private long lastLine = System.nanoTime();
        private long batches;

        LogLines(String title, long expectedBatches, String unit) {
            this.title = title;
            this.expectedBatches = expectedBatches;
            this.unit = unit;
        }

        @Override
        void step(double loss, long items, double itemsPerSecond) {
            batches++;
            long now = System.nanoTime();
            if (now - lastLine >= INTERVAL_NANOS) {
                lastLine = now;
                String eta = "";
                if (expectedBatches > 0) {
                    double perBatch = (now - started) / 1e9 / batches;
                    eta = String.format(Locale.ROOT, ", ETA %.0fs", perBatch * (expectedBatches - batches));
                }
                LOG.info("{}: batch {}{}, {}{}", title, batches,
                        expectedBatches > 0 ? "/" + expectedBatches : "", extra(loss, itemsPerSecond, unit), eta);
            }
        }

        @Override
        public void close() {
        }
    }
}
