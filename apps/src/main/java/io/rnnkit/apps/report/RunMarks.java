package io.rnnkit.apps.report;

import io.rnnkit.core.train.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small files that tell {@code rnnkit runs} what a run is doing: {@code running.pid} names the process that
 * trains it (a run is running while that process lives), {@code diverged.txt} says why training stopped on a
 * non-finite loss.
 */
public final class RunMarks {

    static final String PID_FILE = "running.pid";
    static final String DIVERGED_FILE = "diverged.txt";

    private RunMarks() {
    }

    /** Records that this process trains the run in {@code root} now; a mark of an earlier divergence goes. */
    public static void started(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(DIVERGED_FILE));
        AtomicFiles.writeString(root.resolve(PID_FILE), ProcessHandle.current().pid() + "\n");
    }

    /** Records that the run in {@code root} diverged, and how. */
    public static void diverged(Path root, String message) throws IOException {
        AtomicFiles.writeString(root.resolve(DIVERGED_FILE), message + "\n");
    }
}
