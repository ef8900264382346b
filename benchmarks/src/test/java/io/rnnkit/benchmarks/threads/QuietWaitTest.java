package io.rnnkit.benchmarks.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QuietWaitTest {

    /** A thread that never stops running holds the wait to its maximum: it ends without going quiet. */
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
            QuietWait.Wait wait = QuietWait.untilOtherThreadsSleep(Duration.ofMillis(1), Duration.ofMillis(60));
            assertThat(wait.quiet()).as("ended by the other threads going quiet").isFalse();
        } finally {
            spin.set(false);
            spinner.join();
        }
    }

    /** Once the other threads sleep, the wait ends by their going quiet, not at its maximum. */
    @Test
    void endsQuietWhenTheOtherThreadsSleep() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self")), "reads Linux's /proc");
        QuietWait.Wait wait = QuietWait.untilOtherThreadsSleep(Duration.ofMillis(2), Duration.ofSeconds(20));
        assertThat(wait.quiet()).as("ended by the other threads going quiet").isTrue();
    }
}
