package io.rnnkit.benchmarks.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QuietWaitTest {

    /** A thread that never stops running holds the wait to its maximum (its state stays R, runnable or not). */
    @Test
    void waitsTheMaximumWhileAnotherThreadKeepsRunning() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self")), "reads Linux's /proc");
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread spinner = new Thread(() -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        });
        spinner.start();
        try {
            Duration waited = QuietWait.untilOtherThreadsSleep(Duration.ofMillis(1), Duration.ofMillis(60));
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        } finally {
            spin.set(false);
            spinner.join();
        }
    }

    /** Once the other threads sleep, the wait ends after its minimum and a few quiet checks, far below its maximum. */
    @Test
    void endsWellBeforeTheMaximumWhenTheOtherThreadsSleep() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self")), "reads Linux's /proc");
        Duration waited = QuietWait.untilOtherThreadsSleep(Duration.ofMillis(2), Duration.ofSeconds(20));
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(2)).isLessThan(Duration.ofSeconds(20));
    }
}
