package io.rnnkit.core.train;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of one training run: metrics, summary, checkpoint, model bundle and plots. */
public record RunDirectory(Path root) {

    /**
     * Locks the run directory {@code root} for this process (see {@link RunLock}), creating it first when
     * {@code create} is set; {@code option} names the command-line option in error messages.
     */
    public static RunLock lock(Path root, String option, boolean create) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserInputException(option + ": " + root + " is a file, not a directory; choose a directory");
        }
        if (!Files.exists(root)) {
            if (!create) {
                throw new UserInputException(option + ": " + root + " does not exist");
            }
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UserInputException(option + ": cannot create " + root + " (" + IoReasons.of(e) + ")");
            }
        }
        return RunLock.acquire(root, option);
    }

    /**
     * Prepares a new run directory. One that holds anything but a lock and the temporary files of a killed
     * process is refused, so that no earlier run is overwritten.
     */
    public static RunDirectory createNew(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserInputException("--out: " + root + " is a file, not a directory; choose a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserInputException("--out: cannot create " + root + " (" + IoReasons.of(e) + ")");
        }
        RunDirectory run = new RunDirectory(root);
        if (!run.contents().isEmpty()) {
            throw new UserInputException("--out: " + root + " already exists and is not empty; "
                    + "choose another directory or continue it with --resume " + root);
        }
        run.removeLeftovers();
        return run;
    }

    /**
     * Opens an existing run directory, checkpointed or not, and removes the temporary files a killed process
     * left in it.
     */
    public static RunDirectory reopen(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserInputException("--resume: " + root + (Files.exists(root) ? " is not a directory" : " does not exist"));
        }
        RunDirectory run = new RunDirectory(root);
        run.removeLeftovers();
        return run;
    }

    /** Opens an existing run for resuming ({@link #reopen}); it must hold a checkpoint. */
    public static RunDirectory existing(Path root) {
        RunDirectory run = reopen(root);
        if (!run.hasCheckpoint()) {
            throw new UserInputException("--resume: " + root + " has no checkpoint (" + run.checkpoint().getFileName()
                    + "); it is not an rnnkit run directory or it never finished an epoch");
        }
        return run;
    }

    /** Whether an epoch (or a stopped part of one) has been checkpointed. */
    public boolean hasCheckpoint() {
        return Files.isRegularFile(checkpoint());
    }

    /** The files of the run, leaving out the lock and the temporary files of interrupted writes. */
    private List<Path> contents() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(path -> !path.getFileName().toString().equals(RunLock.FILE_NAME)
                    && !AtomicFiles.isLeftover(path)).toList();
        } catch (IOException e) {
            throw new UserInputException("--out: cannot read " + root + " (" + IoReasons.of(e) + ")");
        }
    }

    private void removeLeftovers() {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path leftover : entries.filter(AtomicFiles::isLeftover).toList()) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root + ": " + e.getMessage(), e);
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

    /** Where the chart called {@code name} goes: {@code name.png} in the run directory. */
    public Path plot(String name) {
        return root.resolve(name + ".png");
    }
}
