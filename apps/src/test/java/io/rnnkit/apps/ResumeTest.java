package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code train --resume} honours (the learning rate, the clip norm, patience), and divergence: exit status 3, one line that
 * names a checkpoint only when there is one, and a run that can go on from it (or start again from its plan).
 */
@Tag("slow")
class ResumeTest {

    @TempDir
    Path dir;

    private Result train(String name, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "sin-cos", "--hidden", "8", "--out",
                dir.resolve(name).toString()));
        args.addAll(List.of(options));
        return RnnkitCliTest.run(args.toArray(String[]::new));
    }

    private Result resume(String name, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--resume", dir.resolve(name).toString()));
        args.addAll(List.of(options));
        return RnnkitCliTest.run(args.toArray(String[]::new));
    }

    private List<String> rows(String name) throws IOException {
        return MetricsRows.withoutTimings(dir.resolve(name).resolve("metrics.csv"));
    }

    private String plan(String name) throws IOException {
        return Files.readString(dir.resolve(name).resolve("run.properties"));
    }

    @Test
    void aDivergenceInEpochTwoKeepsEpochOnesCheckpointAndTheRunGoesOnFromIt() throws Exception {
        assertThat(train("whole", "--epochs", "2").status()).isZero();
        assertThat(train("run", "--epochs", "1").status()).isZero();

        Result diverged = resume("run", "--epochs", "3", "--lr", "1e30");

        assertThat(diverged.status()).isEqualTo(RnnkitCli.EXIT_DIVERGED);
        assertThat(diverged.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("io.rnnkit")
                .startsWith("rnnkit: training diverged: loss is ")
                .contains("at epoch 2, batch ")
                .endsWith("epoch 1's checkpoint is kept: lower --lr or set --clip-norm and continue with --resume "
                        + dir.resolve("run") + " --lr RATE");
        assertThat(plan("run")).contains("train.lr=1.0E30");
        Result recovered = resume("run", "--epochs", "2", "--lr", "0.02");
        assertThat(recovered.status()).as(recovered.err()).isZero();
        assertThat(rows("run")).isEqualTo(rows("whole"));
        assertThat(plan("run")).contains("train.lr=0.02").contains("train.epochs=2");
    }

    @Test
    void aDivergenceBeforeTheFirstCheckpointNamesNoneAndTheRunStartsAgainFromItsPlan() throws Exception {
        assertThat(train("whole", "--epochs", "2").status()).isZero();

        Result diverged = train("run", "--epochs", "2", "--lr", "1e30");

        assertThat(diverged.status()).isEqualTo(RnnkitCli.EXIT_DIVERGED);
        assertThat(diverged.err().strip()).doesNotContain("\n").contains("at epoch 1, batch ")
                .contains("before the first checkpoint").doesNotContain("is kept");
        assertThat(dir.resolve("run").resolve("checkpoint.zip")).doesNotExist();
        assertThat(train("run", "--epochs", "2").err()).contains("continue it with --resume " + dir.resolve("run"));
        Result restarted = resume("run", "--lr", "0.02");
        assertThat(restarted.status()).as(restarted.err()).isZero();
        assertThat(rows("run")).isEqualTo(rows("whole"));
    }

    @Test
    void aNewLearningRateOnResumeIsUsedFromTheNextEpochAndRecorded() throws Exception {
        assertThat(train("run", "--epochs", "1").status()).isZero();

        Result resumed = resume("run", "--epochs", "3", "--lr", "0.01", "--patience", "5");

        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(rows("run")).extracting(row -> row.split(",")[2]).containsExactly("lr", "0.02", "0.01", "0.01");
        assertThat(plan("run")).contains("train.lr=0.01").contains("train.epochs=3").contains("train.patience=5");
        assertThat(Files.readString(dir.resolve("run").resolve("summary.json"))).contains("\"lr\" : \"0.01\"")
                .contains("\"epochs\" : 3");
    }

    /**
     * A clip norm given on resume holds every step of the next epoch: at 1e-9 plain SGD cannot move the weights,
     * so epoch 2 validates exactly as epoch 1 did, while the same resume without it goes on learning.
     */
    @Test
    void aClipNormGivenOnResumeLimitsEveryStepOfTheNextEpoch() throws Exception {
        assertThat(train("clipped", "--epochs", "1", "--optimizer", "sgd", "--lr", "0.01").status()).isZero();
        assertThat(train("free", "--epochs", "1", "--optimizer", "sgd", "--lr", "0.01").status()).isZero();

        Result clipped = resume("clipped", "--epochs", "2", "--clip-norm", "1e-9");
        Result free = resume("free", "--epochs", "2");

        assertThat(clipped.status()).as(clipped.err()).isZero();
        assertThat(free.status()).as(free.err()).isZero();
        List<String> clippedValidation = rows("clipped").stream().skip(1).map(row -> row.split(",")[4]).toList();
        List<String> freeValidation = rows("free").stream().skip(1).map(row -> row.split(",")[4]).toList();
        assertThat(clippedValidation).hasSize(2).containsOnly(freeValidation.get(0));
        assertThat(Double.parseDouble(freeValidation.get(1))).isLessThan(0.8 * Double.parseDouble(freeValidation.get(0)));
        assertThat(plan("clipped")).contains("train.clip-norm=1.0E-9");
        assertThat(plan("free")).contains("train.clip-norm=0.0");
    }

    /** Patience given on resume stops the run where a run with that patience from the start stops (epoch 6 of 30). */
    @Test
    void patienceGivenOnResumeStopsTheRunAsItWouldHaveFromTheStart() throws Exception {
        assertThat(train("whole", "--epochs", "30", "--patience", "1").status()).isZero();
        assertThat(train("run", "--epochs", "1").status()).isZero();

        Result resumed = resume("run", "--epochs", "30", "--patience", "1");

        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(rows("run")).isEqualTo(rows("whole")).hasSize(1 + 6);
        assertThat(plan("run")).contains("train.patience=1").contains("train.epochs=30");
        assertThat(Files.readString(dir.resolve("run").resolve("summary.json"))).contains("\"epochs\" : 6");
    }
}
