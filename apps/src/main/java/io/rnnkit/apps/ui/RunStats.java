package io.rnnkit.apps.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * A run's DL4J training statistics, kept in {@code ui-stats.dl4j} in its run directory (DL4J's file stats
 * storage) so that {@code rnnkit ui DIR} can show the run after it ends.
 */
public final class RunStats implements AutoCloseable {

    /** The stats file's name inside a run directory. */
    public static final String FILE_NAME = "ui-stats.dl4j";

    private final StatsStorage storage;

    private RunStats(StatsStorage storage) {
        this.storage = storage;
    }

    /** Opens (or creates) the stats file of the run in {@code runDirectory}. */
    public static RunStats open(Path runDirectory) {
        return new RunStats(new FileStatsStorage(runDirectory.resolve(FILE_NAME).toFile()));
    }

    /** Whether the run in {@code runDirectory} recorded stats (it trained with the UI on). */
    public static boolean recorded(Path runDirectory) {
        return Files.isRegularFile(runDirectory.resolve(FILE_NAME));
    }

    /** DL4J's stats listener, reporting every iteration into this run's file. */
    public TrainingListener listener() {
        return new StatsListener(storage);
    }

    public StatsStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
