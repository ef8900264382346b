package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.core.train.CrashPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * A real training JVM killed at each write point (through {@link CrashPoints}), stopped by SIGINT or SIGTERM, or
 * killed while another process wants its run directory: after resuming, every run ends with the same
 * {@code metrics.csv} rows (timings aside), epoch count and test metrics as one never interrupted, and no temporary
 * files are left.
 */
@Tag("slow")
class CrashRecoveryTest {

    private static final int EPOCHS = 3;

    /** Uninterrupted runs by epoch count, trained once for all cases. */
    private static final Map<Integer, Outcome> UNINTERRUPTED = new HashMap<>();

    @TempDir
    static Path reference;

    @TempDir
    Path dir;

    private static String[] train(Path out, int epochs) {
        return new String[] {"train", "sin-cos", "--hidden", "8", "--epochs", Integer.toString(epochs),
            "--out", out.toString()};
    }

    /** What must not depend on interruptions: metrics rows without timings, epochs, test metrics. */
    record Outcome(List<String> rows, int epochs, JsonNode testMetrics) {
        static Outcome of(Path run) throws IOException {
            JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
            return new Outcome(MetricsRows.withoutTimings(run.resolve("metrics.csv")), summary.get("epochs").asInt(),
                    summary.get("metrics"));
        }
    }

    private static synchronized Outcome uninterrupted(int epochs) throws IOException {
        if (!UNINTERRUPTED.containsKey(epochs)) {
            Path run = reference.resolve("whole-" + epochs);
            Result result = RnnkitCliTest.run(train(run, epochs));
            assertThat(result.status()).as(result.err()).isZero();
            UNINTERRUPTED.put(epochs, Outcome.of(run));
        }
        return UNINTERRUPTED.get(epochs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.properties:written", "run.properties:renamed", "checkpoint.zip:written#2",
        "checkpoint.zip:renamed#2", "metrics.csv:written#2", "metrics.csv:renamed#2", "checkpoint.zip:renamed#3",
        "model.zip:written", "model.zip:renamed", "loss.png:written", "summary.json:written"})
    void aRunKilledAtAWritePointResumesToTheUninterruptedResult(String point) throws Exception {
        Outcome whole = uninterrupted(EPOCHS);
        Path run = dir.resolve("killed");

        Process killed = ChildJvm.start(dir.resolve("killed.log"), List.of(CrashPoints.PROPERTY + "=" + point),
                train(run, EPOCHS));
        assertThat(killed.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(killed.exitValue()).as(Files.readString(dir.resolve("killed.log")))
                .isEqualTo(CrashPoints.HALT_STATUS);
        // Before run.properties lands there is nothing to resume: the same command starts the run again.
        Result recovered = point.equals("run.properties:written")
                ? RnnkitCliTest.run(train(run, EPOCHS))
                : RnnkitCliTest.run("train", "--resume", run.toString());

        assertThat(recovered.status()).as(recovered.err()).isZero();
        assertThat(Outcome.of(run)).isEqualTo(whole);
        assertThat(whole.epochs()).isEqualTo(EPOCHS);
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void sigintAndSigtermBothStopWithACheckpointAndTheResumeCommand(String signal) throws Exception {
        assumeFalse(signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored in this process tree (started as a background job without job control), and a "
                        + "child JVM inherits that; the TERM case covers the same stop");
        int epochs = 8;
        Outcome whole = uninterrupted(epochs);
        Path run = dir.resolve("stopped");
        Path log = dir.resolve("stopped.log");

        Process child = ChildJvm.start(log, List.of(), train(run, epochs));
        awaitFile(child, run.resolve("metrics.csv"));
        ChildJvm.signal(child, signal);
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(Files.readString(log)).contains("sin-cos: stopped; continue with: ./rnnkit train --resume " + run);
        Result resumed = RnnkitCliTest.run("train", "--resume", run.toString());
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(Outcome.of(run)).isEqualTo(whole);
    }

    /**
     * Whether SIGINT is ignored here: a shell without job control starts background jobs that way, children
     * inherit it, and a JVM cannot catch a signal it started with ignored. Installing a handler returns the
     * disposition it replaces, which is then put back.
     */
    private static boolean sigintIgnored() {
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, ignored -> { });
        sun.misc.Signal.handle(interrupt, previous);
        return previous == sun.misc.SignalHandler.SIG_IGN;
    }

    @Test
    void aSecondProcessIsRefusedUntilTheFirstIsKilled() throws Exception {
        Path run = dir.resolve("busy");
        Process first = ChildJvm.start(dir.resolve("busy.log"), List.of(), "train", "sin-cos", "--epochs", "500",
                "--out", run.toString());
        awaitFile(first, run.resolve("run.properties"));
        String inUse = run + " is in use by another rnnkit process (pid " + first.pid() + ")";

        Result again = RnnkitCliTest.run("train", "sin-cos", "--out", run.toString());
        Result resumed = RnnkitCliTest.run("train", "--resume", run.toString());
        first.destroyForcibly().waitFor();

        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("rnnkit: --out: " + inUse
                + "; wait for it to finish or choose another directory");
        assertThat(resumed.status()).isEqualTo(2);
        assertThat(resumed.err().strip()).startsWith("rnnkit: --resume: " + inUse).doesNotContain("\n");
        // kill -9 leaves the lock file, but not the lock: the run resumes (from its plan if no epoch finished),
        // here asked to stop after its first batch.
        Result afterKill = RnnkitCliTest.run(stopAtOnce(), "train", "--resume", run.toString());
        assertThat(afterKill.status()).as(afterKill.err()).isEqualTo(TrainCommand.EXIT_INTERRUPTED);
        assertThat(afterKill.out()).contains("stopped; continue with: ./rnnkit train --resume " + run);
    }

    /** Commands whose trainer is asked to stop, as Ctrl-C does, before its first batch. */
    private static CommandLine.IFactory stopAtOnce() {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof TrainCommand train) {
                    train.beforeTraining = (trainer, network) -> trainer.requestStop();
                }
                return command;
            }
        };
    }

    /** Waits until {@code file} exists, failing if the child ends first. */
    private static void awaitFile(Process child, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(file)) {
            assertThat(child.isAlive()).as("child still running while waiting for " + file).isTrue();
            assertThat(System.nanoTime()).as("waited for " + file).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
