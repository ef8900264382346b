package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * char-lm holds out two different contiguous stretches: validation (the per-epoch figure) and test (the final
 * one), 5% of the text each, so that model selection never sees the test text.
 */
class CharLmSplitTest {

    @TempDir
    Path dir;

    @Test
    void validationAndTestAreDifferentStretchesOfTheText() throws Exception {
        String[] words = {"time", "machine", "traveller", "the", "of", "and", "psychologist", "medical", "man"};
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 20_000) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        Path corpus = Files.writeString(dir.resolve("words.txt"), text);
        Path run = dir.resolve("run");

        Result trained = RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(), "--out", run.toString(),
                "--epochs", "1", "--hidden", "8", "--batch", "4", "--steps", "10");
        Result valid = RnnkitCliTest.run("evaluate", "--model", run.resolve("model.zip").toString(), "--split", "valid");
        Result test = RnnkitCliTest.run("evaluate", "--model", run.resolve("model.zip").toString(), "--split", "test");

        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(lastLine(test)).isEqualTo(trained.out().strip()).startsWith("char-lm: test perplexity ");
        assertThat(lastLine(valid)).startsWith("char-lm: valid perplexity ");
        assertThat(lastLine(valid).replace("valid", "test")).isNotEqualTo(lastLine(test));
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        // 5% of the text, scored by 4 streams of 10-step windows: at most 4 x 10 tokens short of 1,000.
        assertThat(summary.get("metrics").get("tokens").asDouble()).isBetween(960.0, 1000.0);
        double validation = Double.parseDouble(Files.readAllLines(run.resolve("metrics.csv")).get(1).split(",")[4]);
        assertThat(lastLine(valid)).contains(String.format(java.util.Locale.ROOT, "perplexity %.2f", validation));
    }

    private static String lastLine(Result result) {
        String[] lines = result.out().strip().split("\n");
        return lines[lines.length - 1];
    }
}
