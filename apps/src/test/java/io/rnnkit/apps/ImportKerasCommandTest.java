package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnnkit import keras}: the fixture character model (TensorFlow.js, trained briefly on The Time Machine)
 * becomes a bundle that evaluate and generate accept; bad input is one line and exit status 2.
 */
class ImportKerasCommandTest {

    static final Path FIXTURES = Path.of("..", "keras", "fixtures");

    @TempDir
    Path dir;

    @Test
    void importedLanguageModelIsEvaluatedAndSampled() {
        Path out = dir.resolve("keras-lm");
        Result imported = RnnkitCliTest.run("import", "keras", FIXTURES.resolve("char_lm_model.h5").toString(),
                "--vocab", FIXTURES.resolve("char_lm_vocabulary.txt").toString(), "--task", "char-lm",
                "--out", out.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("MultiLayerNetwork with 8732 parameters");
        ModelBundle bundle = ModelBundle.load(out.resolve("model.zip"));
        assertThat(bundle.network()).isInstanceOf(MultiLayerNetwork.class);
        assertThat(bundle.vocabulary().orElseThrow().size()).isEqualTo(28);
        assertThat(bundle.provenance().task()).isEqualTo("char-lm");

        Result generated = RnnkitCliTest.run("generate", "--model", out.resolve("model.zip").toString(),
                "--prefix", "the time ", "--length", "40", "--greedy");
        assertThat(generated.status()).as(generated.err()).isZero();
        assertThat(generated.out().lines().findFirst().orElseThrow()).startsWith("the time ")
                .hasSize("the time ".length() + 40);

        assumeTrue(System.getenv("RNNKIT_DATA") != null, "RNNKIT_DATA is not set: the evaluation reads timemachine");
        Result evaluated = RnnkitCliTest.run("evaluate", "--model", out.resolve("model.zip").toString());
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        String perplexityLine = Arrays.stream(evaluated.out().split("\n")).filter(l -> l.startsWith("perplexity"))
                .findFirst().orElseThrow();
        double perplexity = Double.parseDouble(perplexityLine.substring("perplexity".length()).strip());
        // TF.js's training loss ended at 2.137 nats (perplexity 8.5); a uniform guess over 28 symbols is 28.
        assertThat(perplexity).isBetween(6.0, 11.0);
    }

    @Test
    void corruptAndTruncatedFiles() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.h5"), "not hdf5 ".repeat(100));
        assertOneLineUsageError(importKeras(corrupt.toString()), "not a readable HDF5 file");
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("char_lm_model.h5"));
        Path truncated = Files.write(dir.resolve("truncated.h5"), Arrays.copyOf(whole, whole.length / 3));
        assertOneLineUsageError(importKeras(truncated.toString()), "corrupt or truncated");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void weightsOnlyFileWithoutConfiguration() {
        assertOneLineUsageError(importKeras(FIXTURES.resolve("char_lm_weights.h5").toString()),
                "holds weights only (no model_config attribute)");
        Result withConfig = importKeras(FIXTURES.resolve("char_lm_weights.h5").toString(),
                "--config", FIXTURES.resolve("char_lm_config.json").toString());
        assertThat(withConfig.status()).as(withConfig.err()).isZero();
    }

    @Test
    void unsupportedLayer() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), Files.readString(FIXTURES.resolve("char_lm_config.json"))
                .replace("\"class_name\": \"LSTM\"", "\"class_name\": \"ConvLSTM1D\""));
        assertOneLineUsageError(importKeras(FIXTURES.resolve("char_lm_weights.h5").toString(), "--config", config.toString()),
                "Keras layer ConvLSTM1D 'lstm_LSTM");
    }

    @Test
    void mismatchedWeightShapes() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), Files.readString(FIXTURES.resolve("char_lm_config.json"))
                .replace("\"units\": 32", "\"units\": 16"));
        assertOneLineUsageError(importKeras(FIXTURES.resolve("char_lm_weights.h5").toString(), "--config", config.toString()),
                "weight kernel has shape [28, 128], expected [28, 64]");
    }

    @Test
    void vocabularyThatDoesNotFitTheModelAndUnknownTask() {
        assertOneLineUsageError(importKeras(FIXTURES.resolve("gru_stacked_model.h5").toString(), "--vocab",
                FIXTURES.resolve("char_lm_vocabulary.txt").toString()), "--vocab: the network outputs 3 values");
        assertOneLineUsageError(importKeras(FIXTURES.resolve("char_lm_model.h5").toString(), "--task", "poetry"),
                "unknown task 'poetry'");
    }

    private Result importKeras(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "import";
        all[1] = "keras";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--out";
        all[args.length + 3] = dir.resolve("out").toString();
        return RnnkitCliTest.run(all);
    }

    private static void assertOneLineUsageError(Result result, String expectedFragment) {
        assertThat(result.status()).as(result.err()).isEqualTo(2);
        assertThat(result.err().strip().toLowerCase(Locale.ROOT)).doesNotContain("\n").startsWith("rnnkit: ")
                .contains(expectedFragment.toLowerCase(Locale.ROOT));
    }
}
