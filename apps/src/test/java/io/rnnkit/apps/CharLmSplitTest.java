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
        // A user's corpus is sampled from its own opening, not from "time traveller".
        assertThat(run.resolve("sample.txt")).content().startsWith(text.substring(0, 20));
    }

    @Test
    void aCorpusTooShortForItsBatchesNamesTheFileAndTheOptions() throws Exception {
        Path corpus = Files.writeString(dir.resolve("one.txt"), "x");

        Result defaults = RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(),
                "--out", dir.resolve("a").toString());
        Result smallest = RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(), "--batch", "1",
                "--steps", "1", "--out", dir.resolve("b").toString());

        assertThat(defaults.status()).isEqualTo(2);
        assertThat(defaults.err().strip()).isEqualTo("rnnkit: --corpus: " + corpus + " has 1 characters; its training"
                + " part (90%: 1) is too short for batches of 32 rows x 35 steps, which need 1187; use a smaller"
                + " --batch or --steps, or a longer text");
        assertThat(smallest.status()).isEqualTo(2);
        assertThat(smallest.err().strip()).isEqualTo("rnnkit: --corpus: " + corpus + " has 1 characters; its training"
                + " part (90%: 1) is too short for batches of 1 rows x 1 steps, which need 3; use a longer text");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    private static String lastLine(Result result) {
        String[] lines = result.out().strip().split("\n");
        return lines[lines.length - 1];
    }
}
