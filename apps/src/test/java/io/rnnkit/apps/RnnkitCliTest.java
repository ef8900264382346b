package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

class RnnkitCliTest {

    /** What one CLI run printed and returned. */
    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs the CLI with commands made by {@code factory}, which may set a command's test hooks. */
    static Result run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RnnkitCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), factory);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void unknownCommandIsAOneLineUsageError() {
        Result result = run("frobnicate");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("frobnicate");
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        Result result = run("env", "--no-such-option");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--no-such-option").contains("rnnkit env --help");
    }

    @Test
    void unknownTaskIsAOneLineUsageError() {
        Result result = run("train", "nosuch");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("rnnkit: unknown task 'nosuch'; known tasks: waves, addition");
    }

    @Test
    void helpListsTheCommands() {
        Result result = run("--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("env").contains("train");
    }

    @Test
    void envPrintsJsonWithTheBackendAndSgemmRate() throws Exception {
        Result result = run("env", "--json", "--sgemm-size", "64");

        assertThat(result.status()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("backend").asText()).endsWith("CpuBackend");
        assertThat(json.get("sgemmGflops").asDouble()).isPositive();
    }

    @Test
    void resumeContinuesASavedRunWithMoreEpochs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path run = dir.resolve("run");
        assertThat(run("train", "sin-cos", "--epochs", "2", "--out", run.toString()).status()).isZero();

        Result resumed = run("train", "--resume", run.toString(), "--epochs", "4");

        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out().strip()).startsWith("sin-cos: test MSE ");
        assertThat(java.nio.file.Files.readAllLines(run.resolve("metrics.csv"))).hasSize(5);
        assertThat(run("train", "--resume", run.toString(), "--hidden", "8").err())
                .startsWith("rnnkit: --resume: --hidden cannot change when a run resumes");
    }

    @Tag("slow")
    @Test
    void wavesTrainsToAHighTestAccuracy() {
        Result result = run("train", "waves", "--epochs", "3");

        assertThat(result.status()).isZero();
        String line = result.out().strip();
        assertThat(line).startsWith("waves: test accuracy ");
        double accuracy = Double.parseDouble(line.substring("waves: test accuracy ".length()));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
    }
}
