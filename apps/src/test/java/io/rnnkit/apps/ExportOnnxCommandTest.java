package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnkit export onnx}: a bundle exported and imported again samples the same text. */
class ExportOnnxCommandTest {

    private static final Path FIXTURES = Path.of("..", "onnx", "src", "test", "resources", "pytorch");

    @TempDir
    Path dir;

    @Test
    void exportedThenImportedBundleGeneratesTheSameText() {
        String vocab = FIXTURES.resolve("char_lstm.vocab").toString();
        assertThat(RnnkitCliTest.run("import", "onnx", FIXTURES.resolve("char_lstm.onnx").toString(), "--vocab", vocab,
                "--out", dir.resolve("first").toString()).status()).isZero();
        Path exported = dir.resolve("exported.onnx");
        RnnkitCliTest.Result export = RnnkitCliTest.run("export", "onnx", "--model",
                dir.resolve("first/model.zip").toString(), "--out", exported.toString());
        assertThat(export.status()).as(export.err()).isZero();
        assertThat(export.out()).contains("(3 layers) -> " + exported);
        RnnkitCliTest.Result again = RnnkitCliTest.run("import", "onnx", exported.toString(), "--vocab", vocab,
                "--out", dir.resolve("second").toString());
        assertThat(again.status()).as(again.err()).isZero();

        String first = generate(dir.resolve("first/model.zip"));
        String second = generate(dir.resolve("second/model.zip"));
        assertThat(first).hasSize("ab".length() + 40).isEqualTo(second);
    }

    @Test
    void missingBundleIsAOneLineError() {
        RnnkitCliTest.Result result = RnnkitCliTest.run("export", "onnx", "--model", dir.resolve("none.zip").toString(),
                "--out", dir.resolve("x.onnx").toString());
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("rnnkit: --model").contains("none.zip").doesNotContain("\n");
    }

    private static String generate(Path bundle) {
        RnnkitCliTest.Result result = RnnkitCliTest.run("generate", "--model", bundle.toString(), "--prefix", "ab",
                "--length", "40", "--seed", "9");
        assertThat(result.status()).as(result.err()).isZero();
        return result.out().strip();
    }
}
