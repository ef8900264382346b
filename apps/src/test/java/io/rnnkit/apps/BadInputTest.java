package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each user mistake the issue names gets a one-line error, exit status 2, and leaves run directories alone. */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertOneLineUsageError(Result result, String expectedFragment) {
        assertThat(result.status()).as(result.err()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("rnnkit: ").contains(expectedFragment);
    }

    @ParameterizedTest
    @CsvSource({
        "--epochs, 0, --epochs: ",
        "--epochs, -2, --epochs: ",
        "--epochs, ten, --epochs: ",
        "--hidden, 0, --hidden: ",
        "--hidden, -5, --hidden: ",
        "--hidden, wide, --hidden: ",
        "--batch, 0, --batch: ",
        "--batch, -1, --batch: ",
        "--batch, lots, --batch",
        "--lr, 0, --lr: ",
        "--lr, -0.1, --lr: ",
        "--lr, fast, --lr: ",
        "--workers, 0, --workers: ",
        "--workers, many, --workers: ",
        "--sync, gossip, --sync: ",
        "--averaging-frequency, 0, --averaging-frequency: ",
    })
    void badNumbersAreRejectedWithoutTouchingTheRunDirectory(String option, String value, String named) throws Exception {
        Path existing = dir.resolve("run");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("notes.txt"), "keep me");

        Result result = RnnkitCliTest.run("train", "waves", "--out", existing.toString(), option, value);

        assertOneLineUsageError(result, named);
        try (Stream<Path> files = Files.list(existing)) {
            assertThat(files).containsExactly(existing.resolve("notes.txt"));
        }
    }

    @Test
    void aStatefulRunIsNotSplitAcrossWorkers() {
        Path out = dir.resolve("sin-cos");

        assertOneLineUsageError(RnnkitCliTest.run("train", "sin-cos", "--out", out.toString(), "--workers", "2"),
                "--workers 2: this run is stateful");
        assertThat(out).doesNotExist();
    }

    @Test
    void workersAndSparkAreNotCombined() {
        Path out = dir.resolve("waves");

        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--out", out.toString(), "--workers", "2",
                "--spark", "local[2]"), "are alternatives");
        assertThat(out).doesNotExist();
    }

    @Test
    void aNonEmptyRunDirectoryIsNotOverwritten() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep me");

        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--out", dir.toString()), "already exists");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("keep me");
    }

    @Test
    void aMissingOrEmptyCorpusIsNamed() throws Exception {
        Path missing = dir.resolve("nope.txt");
        assertOneLineUsageError(RnnkitCliTest.run("train", "char-lm", "--corpus", missing.toString(),
                "--out", dir.resolve("a").toString()), "nope.txt");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertOneLineUsageError(RnnkitCliTest.run("train", "char-lm", "--corpus", empty.toString(),
                "--out", dir.resolve("b").toString()), "empty.txt");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void aCorpusMissingFromTheDataDirectoryNamesTheFetchCommand() {
        Result result = RnnkitCliTest.run("train", "ptb", "--data-dir", dir.toString(), "--out", dir.resolve("r").toString());

        assertOneLineUsageError(result, "./rnnkit data fetch ptb");
    }

    @Test
    void aModelThatIsNotABundleIsRejected() throws Exception {
        Path text = Files.writeString(dir.resolve("model.zip"), "not a zip");

        assertOneLineUsageError(RnnkitCliTest.run("evaluate", "--model", text.toString()), "not an rnnkit model bundle");
        assertOneLineUsageError(RnnkitCliTest.run("generate", "--model", dir.resolve("none.zip").toString(),
                "--prefix", "a"), "does not exist");
    }

    @Test
    void aPrefixOutsideTheVocabularyIsRejected() throws Exception {
        Path corpus = Files.writeString(dir.resolve("abc.txt"), "abcab cabca bcabc ".repeat(200));
        Path run = dir.resolve("run");
        Result trained = RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(), "--out", run.toString(),
                "--epochs", "1", "--hidden", "8", "--batch", "4", "--steps", "8");
        assertThat(trained.status()).as(trained.err()).isZero();

        Result result = RnnkitCliTest.run("generate", "--model", run.resolve("model.zip").toString(),
                "--prefix", "abz€", "--length", "5");

        assertOneLineUsageError(result, "--prefix");
        assertThat(result.err()).contains("'z'").contains("'€'");
    }

    @Test
    void badSamplingOptionsAreNamed() throws Exception {
        Path corpus = Files.writeString(dir.resolve("abc.txt"), "abcab cabca bcabc ".repeat(200));
        Path run = dir.resolve("run");
        RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(), "--out", run.toString(),
                "--epochs", "1", "--hidden", "8", "--batch", "4", "--steps", "8");
        String model = run.resolve("model.zip").toString();

        assertOneLineUsageError(RnnkitCliTest.run("generate", "--model", model, "--prefix", "ab", "--length", "0"), "--length");
        assertOneLineUsageError(RnnkitCliTest.run("generate", "--model", model, "--prefix", "ab", "--temperature", "0"),
                "--temperature");
        assertOneLineUsageError(RnnkitCliTest.run("evaluate", "--model", model, "--split", "train"), "--split");
    }

    @ParameterizedTest
    @CsvSource({
        "--batch, 4",
        "--out, elsewhere",
        "--optimizer, sgd",
        "--fraction, 0.5",
        "--seed, 3",
        "--hidden, 8",
        "--decay-after, 2",
        "--steps, 10",
        "--corpus, shakespeare",
    })
    void resumeRefusesEveryOptionItWouldNotHonour(String option, String value) {
        Path run = dir.resolve("run");

        Result result = RnnkitCliTest.run("train", "--resume", run.toString(), option, value);

        assertOneLineUsageError(result, "--resume: " + option + " cannot change when a run resumes");
        assertThat(dir.resolve("elsewhere")).doesNotExist();
        assertThat(run).doesNotExist();
    }

    @Test
    void aTaskOfAFixedSizeRefusesFraction() {
        Path out = dir.resolve("addition");

        assertOneLineUsageError(RnnkitCliTest.run("train", "addition", "--fraction", "0.5", "--out", out.toString()),
                "--fraction: addition does not use it");
        assertThat(out).doesNotExist();
    }

    @Test
    void sparkDataNeedsSparkAndATaskThatReadsIt() {
        Path out = dir.resolve("run");
        String shared = dir.resolve("shared").toString();

        assertOneLineUsageError(RnnkitCliTest.run("train", "char-lm", "--spark-data", shared, "--out", out.toString()),
                "--spark-data: executors read their batches from it only when training on Spark; add --spark MASTER");
        assertOneLineUsageError(RnnkitCliTest.run("train", "addition", "--spark", "local[2]", "--spark-data", shared,
                "--out", out.toString()), "--spark-data: addition has its batches sent by the driver");
        assertThat(out).doesNotExist();
    }

    @Test
    void presetsAndRandomBpttAreRefusedWhereTheyDoNotApply() {
        Path out = dir.resolve("run");

        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--preset", "regularized", "--out", out.toString()),
                "--preset: waves has no presets, got 'regularized'");
        assertOneLineUsageError(RnnkitCliTest.run("train", "ptb", "--preset", "large", "--out", out.toString()),
                "--preset: ptb has the presets regularized, got 'large'");
        assertOneLineUsageError(RnnkitCliTest.run("train", "uci", "--random-bptt", "--out", out.toString()),
                "--random-bptt: uci does not use it");
        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--tie-weights", "--out", out.toString()),
                "tie-weights: needs a word or character language model");
        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--asgd", "-1", "--out", out.toString()),
                "asgd: must be 0 (off) or more");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputThatIsAFileOrCannotBeCreatedSaysWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "");

        assertOneLineUsageError(RnnkitCliTest.run("train", "waves", "--out", file.toString()),
                "--out: " + file + " is a file, not a directory");
        Result proc = RnnkitCliTest.run("train", "waves", "--out", "/proc/rnnkit-run");
        assertOneLineUsageError(proc, "--out: cannot create /proc/rnnkit-run (");
        assertThat(proc.err().strip()).doesNotEndWith("()");
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, Infinity", "1e99, 1e99"})
    void aNonFiniteNumberInAUciFileIsADataErrorNamingFileAndLine(String value, String shown) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= 600; line++) {
            for (int t = 0; t < 60; t++) {
                text.append(line == 3 && t == 4 ? value : Double.toString(30 + (line % 6) + t * 0.1)).append(' ');
            }
            text.append('\n');
        }
        Path data = Files.writeString(dir.resolve("synthetic_control.data"), text);
        Path out = dir.resolve("uci");

        assertOneLineUsageError(RnnkitCliTest.run("train", "uci", "--corpus", data.toString(), "--out", out.toString()),
                data + ": line 3 value 5 is not a finite number: '" + shown + "'");
        assertThat(out).doesNotExist();
    }
}
