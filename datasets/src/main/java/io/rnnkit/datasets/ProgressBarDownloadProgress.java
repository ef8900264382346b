package io.rnnkit.datasets;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows download progress as a console progress bar (me.tongfei progressbar), one bar per file. */
public final class ProgressBarDownloadProgress implements DownloadProgress, AutoCloseable {

    private static final long MIB = 1L << 20;

    private final PrintStream out;
    private ProgressBar bar;
    private String currentName;

    /** Bars on standard error. */
    public ProgressBarDownloadProgress() {
        this(System.err);
    }

    /** Bars on {@code out}. */
    public ProgressBarDownloadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(String name, long bytesRead, long totalBytes) {
        if (!name.equals(currentName)) {
            close();
            currentName = name;
            bar = new ProgressBarBuilder().setTaskName(name).setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(totalBytes > 0 ? totalBytes : -1).setUnit("MiB", MIB).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(out)).build();
        }
        bar.stepTo(bytesRead);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        currentName = null;
    }
}
