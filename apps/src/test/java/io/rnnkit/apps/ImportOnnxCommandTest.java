package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.datasets.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnnkit import onnx} on the PyTorch fixtures of the onnx module: the bundles it writes are sampled by
 * {@code generate} and scored by {@code evaluate}; bad files and vocabularies are one-line errors with status 2.
 */
class ImportOnnxCommandTest {

    private static final Path FIXTURES = Path.of("..", "onnx", "src", "test", "resources", "pytorch");

    @TempDir
    Path dir;

    @Test
    void importedCharLstmContinuesItsSentenceAsPyTorchDoes() {
        RnnkitCliTest.Result imported = RnnkitCliTest.run("import", "onnx", fixture("char_lstm.onnx"),
                "--vocab", fixture("char_lstm.vocab"), "--out", dir.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 LSTM layer(s) of 24, 27 symbols");
        assertThat(dir.resolve("model.zip")).isRegularFile();

        RnnkitCliTest.Result generated = RnnkitCliTest.run("generate", "--model", dir.resolve("model.zip").toString(),
                "--prefix", "the quick ", "--length", "33", "--greedy");
        assertThat(generated.status()).as(generated.err()).isZero();
        // make_fixtures.py prints PyTorch's own greedy continuation: "brown fox jumps over the lazy dog".
        assertThat(generated.out().strip()).isEqualTo("the quick brown fox jumps over the lazy dog");
    }

    @Test
    void importedCharGruIsScoredByEvaluate() {
        String corpora = System.getenv(DataDirectory.ENV_VARIABLE);
        Assumptions.assumeTrue(corpora != null && Files.isDirectory(Path.of(corpora)),
                "RNNKIT_DATA is not set to the corpora directory; skipping evaluate on timemachine");
        RnnkitCliTest.Result imported = RnnkitCliTest.run("import", "onnx", fixture("char_gru28.onnx"),
                "--task", "char-lm", "--out", dir.toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        RnnkitCliTest.Result evaluated = RnnkitCliTest.run("evaluate", "--model", dir.resolve("model.zip").toString());
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        double perplexity = Double.parseDouble(evaluated.out().lines().filter(l -> l.startsWith("perplexity"))
                .findFirst().orElseThrow().split("\\s+")[1]);
        // Untrained: near-uniform over 28 symbols.
        assertThat(perplexity).isBetween(20.0, 40.0);
    }

    @Test
    void truncatedFileIsAOneLineError() throws Exception {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("char_lstm.onnx"));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        assertOneLineError(RnnkitCliTest.run("import", "onnx", truncated.toString(), "--vocab",
                fixture("char_lstm.vocab"), "--out", dir.resolve("out").toString()),
                "rnnkit: " + truncated + ": not a readable ONNX model (truncated or corrupt)");
    }

    @Test
    void vocabularyOfTheWrongSizeIsAOneLineErrorNamingFileAndNode() throws Exception {
        Path vocab = dir.resolve("small.vocab");
        Files.writeString(vocab, "rnnkit-char-vocabulary 1\ncleaning NONE\nsymbols U+0061 U+0062\n");
        assertOneLineError(RnnkitCliTest.run("import", "onnx", fixture("char_lstm.onnx"), "--vocab", vocab.toString(),
                "--out", dir.resolve("out").toString()),
                "rnnkit: " + fixture("char_lstm.onnx") + ": node '/embed/Gather' (Gather): the model has 27 symbols"
                        + " but the vocabulary " + vocab + " has 2");
    }

    @Test
    void bidirectionalModelIsAOneLineErrorNamingTheNode() {
        assertOneLineError(RnnkitCliTest.run("import", "onnx", fixture("bigru_classifier.onnx"), "--vocab",
                fixture("char_lstm.vocab"), "--out", dir.resolve("out").toString()),
                "rnnkit: " + fixture("bigru_classifier.onnx") + ": node '/gru/GRU' (GRU): a language model's"
                        + " recurrent layers run forward");
    }

    @Test
    void unsupportedOperatorIsAOneLineErrorNamingFileAndNode() throws Exception {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(FIXTURES.resolve("char_lstm.onnx")));
        ModelProto.Builder edited = model.toBuilder();
        int last = model.getGraph().getNodeCount() - 1;
        edited.getGraphBuilder().setNode(last, model.getGraph().getNode(last).toBuilder().setOpType("Erf"));
        Path file = dir.resolve("erf.onnx");
        Files.write(file, edited.build().toByteArray());
        assertOneLineError(RnnkitCliTest.run("import", "onnx", file.toString(), "--vocab", fixture("char_lstm.vocab"),
                "--out", dir.resolve("out").toString()),
                "rnnkit: " + file + ": node '/LogSoftmax' (Erf): operator Erf is not supported");
    }

    @Test
    void missingInitializerIsAOneLineErrorNamingFileAndNode() throws Exception {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(FIXTURES.resolve("char_lstm.onnx")));
        ModelProto.Builder edited = model.toBuilder();
        edited.getGraphBuilder().clearInitializer();
        Path file = dir.resolve("bare.onnx");
        Files.write(file, edited.build().toByteArray());
        assertOneLineError(RnnkitCliTest.run("import", "onnx", file.toString(), "--vocab", fixture("char_lstm.vocab"),
                "--out", dir.resolve("out").toString()),
                "rnnkit: " + file + ": node '/embed/Gather' (Gather): input 'embed.weight' is neither an initializer");
    }

    private static void assertOneLineError(RnnkitCliTest.Result result, String start) {
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith(start).doesNotContain("\n");
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }
}
