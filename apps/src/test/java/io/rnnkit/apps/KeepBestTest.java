package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import io.rnnkit.apps.RnnkitCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --keep-best}: the run finishes with the epoch that validated best, names it in {@code summary.json},
 * and saves that model, so that {@code evaluate} on the bundle reproduces the run's test figure.
 */
class KeepBestTest {

    @TempDir
    Path dir;

    @Test
    void theRunKeepsTheEpochWithTheBestValidationFigure() throws Exception {
        Path run = dir.resolve("sin-cos");

        Result trained = RnnkitCliTest.run("train", "sin-cos", "--epochs", "4", "--hidden", "8", "--lr", "0.2",
                "--keep-best", "--out", run.toString());

        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(Files.readString(run.resolve("run.properties"))).contains("train.keep-best=true");
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        int bestEpoch = 0;
        double bestMse = Double.POSITIVE_INFINITY;
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",");
            double mse = Double.parseDouble(fields[4]);
            if (mse < bestMse) {
                bestMse = mse;
                bestEpoch = Integer.parseInt(fields[0]);
            }
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("modelEpoch").asInt()).isEqualTo(bestEpoch);
        assertThat(bestEpoch).as("a rate of 0.2 overshoots, so the best epoch is not the last: " + rows)
                .isBetween(1, 3);

        Result evaluated = RnnkitCliTest.run("evaluate", "--model", run.resolve("model.zip").toString());
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        assertThat(evaluated.out().strip()).endsWith("\n" + trained.out().strip());
    }

    @Test
    void keepBestTakesOnlyTrueOrFalse() {
        Result result = RnnkitCliTest.run("train", "waves", "--keep-best", "maybe", "--out",
                dir.resolve("waves").toString());

        assertThat(result.status()).isNotZero();
        assertThat(result.err().strip()).isEqualTo("rnnkit: --keep-best: expected true or false, got 'maybe'");
    }
}
