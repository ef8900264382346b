package io.rnnkit.core.train;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The files of one training run: metrics, summary, checkpoint, model bundle and plots. */
public record RunDirectory(Path root) {

    /** Prepares a new run directory; an existing non-empty one is refused so no earlier run is overwritten. */
    public static RunDirectory createNew(Path root) {
        if (Files.exists(root) && !isEmptyDirectory(root)) {
            throw new UserInputException("--out: " + root + " already exists and is not empty; "
                    + "choose another directory or continue it with --resume " + root);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserInputException("--out: cannot create " + root + ": " + e.getMessage());
        }
        return new RunDirectory(root);
    }

    /** Opens an existing run for resuming; it must hold a checkpoint. */
    public static RunDirectory existing(Path root) {
        RunDirectory run = new RunDirectory(root);
        if (!Files.isRegularFile(run.checkpoint())) {
            throw new UserInputException("--resume: " + root + " has no checkpoint (" + run.checkpoint().getFileName()
                    + "); it is not an rnnkit run directory or it never finished an epoch");
        }
        return run;
    }

    private static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path metricsCsv() {
        return root.resolve("metrics.csv");
    }

    public Path summaryJson() {
        return root.resolve("summary.json");
    }

    /** The network, its updater and the trainer's position after the latest finished epoch (or a Ctrl-C). */
    public Path checkpoint() {
        return root.resolve("checkpoint.zip");
    }

    /** The model bundle the run leaves for evaluate and generate. */
    public Path modelBundle() {
        return root.resolve("model.zip");
    }

    public Path plot(String name) {
        return root.resolve(name + ".png");
    }
}
