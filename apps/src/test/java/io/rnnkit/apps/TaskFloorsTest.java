package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.core.metrics.Perplexity;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.text.CharCorpus;
import io.rnnkit.datasets.text.TextCleaning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference task, trained through the CLI on a small budget, must clear a real floor (or
 * ceiling) on held-out data. The full-budget figures are in the README's results table.
 */
@Tag("slow")
class TaskFloorsTest {

    private static final Pattern NUMBER = Pattern.compile("(\\d+\\.\\d+)");

    @TempDir
    Path dir;

    /** Trains through the CLI and returns the first number on the headline line. */
    private double train(String task, String... options) {
        List<String> args = new ArrayList<>(List.of("train", task, "--out", dir.resolve(task).toString()));
        args.addAll(Arrays.asList(options));
        Result result = RnnkitCliTest.run(args.toArray(String[]::new));
        assertThat(result.status()).as(result.err()).isZero();
        String headline = result.out().strip();
        assertThat(headline).startsWith(task + ": test ");
        Matcher number = NUMBER.matcher(headline);
        assertThat(number.find()).as(headline).isTrue();
        assertThat(dir.resolve(task).resolve("model.zip")).exists();
        assertThat(dir.resolve(task).resolve("summary.json")).exists();
        return Double.parseDouble(number.group(1));
    }

    private static void assumeCorpora() {
        String data = System.getenv(DataDirectory.ENV_VARIABLE);
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data)),
                "RNNKIT_DATA is not set to the corpora directory; skipping the real-corpus task floors");
    }

    @Test
    void wavesReaches97PercentInThreeEpochs() {
        assertThat(train("waves", "--epochs", "3")).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void additionLsbFirstGetsWholeSumsRightInOneEpoch() {
        assertThat(train("addition", "--epochs", "1")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void sinNextGruPredictsTheNextValueWithinFiveHundredths() {
        assertThat(train("sin-next", "--epochs", "4")).isLessThanOrEqualTo(0.05);
    }

    @Test
    void statefulSinCosMapsSinToCos() {
        assertThat(train("sin-cos", "--epochs", "10")).isLessThanOrEqualTo(0.01);
    }

    @Test
    void uciClassifiesControlChartsWellAfterTenEpochs() {
        assumeCorpora();
        assertThat(train("uci", "--epochs", "10")).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void ptbWordModelGetsBelowPerplexity1000OnASlice() {
        assumeCorpora();
        // 10% of the training stream is 133 steps of [20 x 35] tokens; a uniform guess scores 10,000.
        assertThat(train("ptb", "--epochs", "1", "--fraction", "0.1")).isLessThan(1000.0);
    }

    @Test
    void charLmBeatsTheUnigramPerplexityOfTheTimeMachine() {
        assumeCorpora();
        CharCorpus corpus = CharCorpus.load(CorpusStore.open(DataDirectory.resolve(null)), Corpus.TIMEMACHINE,
                TextCleaning.LETTERS_AND_SPACES, true);
        double unigram = Perplexity.unigram(corpus.tokens(), corpus.vocabulary().size());

        double perplexity = train("char-lm", "--epochs", "2", "--fraction", "0.3", "--hidden", "64");

        assertThat(unigram).isGreaterThan(15.0);
        assertThat(perplexity).isLessThan(unigram);
        assertThat(dir.resolve("char-lm").resolve("sample.txt")).content().startsWith("time traveller");
    }
}
