package io.rnnkit.apps.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One run directory as {@code rnnkit runs} lists it: task, status, epochs, headline metric and wall time. */
public record RunStatus(String directory, String task, String status, String epochs, String headline, String wall) {

    /** Reads the run in {@code root} without changing anything. */
    public static RunStatus of(Path root) {
        RunFiles files = RunFiles.of(root);
        RunFiles.Table metrics = files.metrics();
        Optional<Map<String, Object>> summary = files.summary();
        int planned = files.plannedEpochs();
        String epochs = metrics.rows().size() + (planned > 0 ? "/" + planned : "");
        String headline;
        double seconds;
        if (summary.isPresent() && summary.get().get("value") instanceof Number value) {
            headline = "test " + summary.get().get("metric") + " " + SvgLineChart.number(value.doubleValue());
        } else {
            double[] validation = metrics.column("validation_metric");
            headline = validation.length == 0 ? "-" : "validation " + SvgLineChart.number(validation[validation.length - 1]);
        }
        double[] elapsed = metrics.column("seconds");
        seconds = summary.isPresent() && summary.get().get("wallSeconds") instanceof Number wallSeconds
                ? wallSeconds.doubleValue() : elapsed.length == 0 ? Double.NaN : elapsed[elapsed.length - 1];
        String wall = Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.0f s", seconds);
        return new RunStatus(root.toString(), files.task(), status(root, summary.isPresent()), epochs, headline, wall);
    }

    /** running while the training process lives; else diverged, finished, or stopped (Ctrl-C, killed). */
    static String status(Path root, boolean finished) {
        if (trainingProcessAlive(root.resolve(RunMarks.PID_FILE))) {
            return "running";
        }
        if (Files.isRegularFile(root.resolve(RunMarks.DIVERGED_FILE))) {
            return "diverged";
        }
        return finished ? "finished" : "stopped";
    }

    private static boolean trainingProcessAlive(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(process -> process.info().command().map(command -> command.contains("java")).orElse(true))
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
