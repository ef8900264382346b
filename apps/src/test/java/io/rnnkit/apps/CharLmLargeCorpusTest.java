package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A user's text larger than the heap trains with char-lm and is scored on its held-out parts: the corpus
 * streams from its file into memory-mapped ids, so a 128 MB heap suffices for a 20 MB text (read whole, as
 * before, the same run ran out of that heap while loading).
 */
@Tag("slow")
class CharLmLargeCorpusTest {

    /** About 340 MB measured: the JVM, ND4J's native libraries and the network. */
    private static final long PEAK_RSS_CEILING_KB = 500_000;

    @TempDir
    Path dir;

    @Test
    void aTextLargerThanTheHeapTrainsAndIsScored() throws Exception {
        Path corpus = dir.resolve("big.txt");
        String[] words = {"time", "machine", "traveller", "psychologist", "café", "the", "of", "and", "medical", "man"};
        Random random = new Random(7);
        long characters = 0;
        try (Writer out = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
            while (characters < 20_000_000) {
                String word = words[random.nextInt(words.length)];
                out.write(word);
                out.write(random.nextInt(10) == 0 ? "\n" : " ");
                characters += word.length() + 1;
            }
        }
        Path run = dir.resolve("run");
        Path log = dir.resolve("log.txt");

        Process child = ChildJvm.start(log, "128m", List.of(), "train", "char-lm", "--corpus", corpus.toString(),
                "--epochs", "1", "--fraction", "0.002", "--hidden", "16", "--batch", "8", "--out", run.toString());
        long peakKb = 0;
        while (child.isAlive()) {
            peakKb = Math.max(peakKb, ChildJvm.peakResidentKb(child));
            Thread.sleep(50);
        }

        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("char-lm: test perplexity ");
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        // The last 5% of the text, scored by 8 streams of 35-step windows: at most 8 x 35 tokens short.
        assertThat(summary.get("metrics").get("tokens").asDouble()).isBetween(characters * 0.05 - 8 * 35, characters * 0.05);
        assertThat(summary.get("metrics").get("perplexity").asDouble()).isBetween(1.0, 20.0);
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(2);
        assertThat(peakKb).as("peak resident set of the training JVM, kB").isPositive().isLessThan(PEAK_RSS_CEILING_KB);
    }
}
