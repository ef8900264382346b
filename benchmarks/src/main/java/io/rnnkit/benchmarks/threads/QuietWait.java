package io.rnnkit.benchmarks.threads;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, before a timed step, until no other thread of this process is running: the threads a previous row left
 * spinning would otherwise share the next row's cores.
 *
 * <p>Measured on this VM (2026-12-04): after a stock DL4J LSTM forward pass at ND4J OpenMP 2 and OpenBLAS 2, one
 * native worker thread kept a core busy for about 100 ms ({@code /proc/self/task/*}/stat CPU times); rnnkit's
 * 2-thread forward pass of config E, run right after it, took 7.8 ms against 6.7 at one thread, and still 4.9
 * against 7.1 ms 200 ms later, where alone it took 3.9 against 6.5. A fixed pause of 5 ms had hidden this.
 *
 * <p>Linux only: a thread is "running" when its {@code /proc/self/task/TID/stat} state is {@code R}. Where that
 * cannot be read, the wait is the minimum alone.
 */
public final class QuietWait {

    /** Consecutive quiet checks, a millisecond apart, that end the wait. */
    private static final int QUIET_CHECKS = 3;
    private static final Path TASKS = Path.of("/proc/self/task");

    private QuietWait() {
    }

    /**
     * The outcome of one wait.
     *
     * @param waited how long it took
     * @param quiet whether it ended because no other thread was running (false: it reached its maximum, or /proc
     *              could not be read)
     */
    public record Wait(Duration waited, boolean quiet) {
    }

    /**
     * Parks for {@code minimum}, then until no other thread has been running for {@value #QUIET_CHECKS}
     * checks in a row, or {@code maximum} has passed since the call.
     *
     * @param minimum the least time to wait
     * @param maximum the most time to wait
     * @return how long the wait took, and whether the other threads went quiet within it
     */
    public static Wait untilOtherThreadsSleep(Duration minimum, Duration maximum) {
        long start = System.nanoTime();
        LockSupport.parkNanos(minimum.toNanos());
        long deadline = start + maximum.toNanos();
        String self = ownThreadId();
        int quiet = 0;
        while (self != null && quiet < QUIET_CHECKS && System.nanoTime() < deadline) {
            if (anotherThreadRunning(self)) {
                quiet = 0;
            } else {
                quiet++;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return new Wait(Duration.ofNanos(System.nanoTime() - start), quiet == QUIET_CHECKS);
    }

    /** This thread's id under /proc/self/task, or null where /proc cannot be read. */
    private static String ownThreadId() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean anotherThreadRunning(String self) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                if (!task.getFileName().toString().equals(self) && running(task)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Whether the task's state, the field after the parenthesised name in its stat line, is R. */
    private static boolean running(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int end = stat.lastIndexOf(')');
            return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'R';
        } catch (IOException e) {
            return false; // the thread ended
        }
    }
}
