package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and unsupported models: each is one {@link UserInputException} line naming the problem. */
class KerasImportErrorsTest {

    static final Path FIXTURES = TfjsReferenceTest.FIXTURES;

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        assertOneLine(() -> KerasImport.importModel(dir.resolve("none.h5"))).hasMessageEndingWith("none.h5: no such file");
    }

    @Test
    void corruptFile() throws IOException {
        Path file = Files.write(dir.resolve("model.h5"), "this is not HDF5 at all, just text".repeat(20).getBytes());
        assertOneLine(() -> KerasImport.importModel(file)).hasMessageContaining("not a readable HDF5 file");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("gru_stacked_model.h5"));
        Path file = Files.write(dir.resolve("model.h5"), Arrays.copyOf(whole, whole.length / 2));
        assertOneLine(() -> KerasImport.importModel(file)).hasMessageContaining("corrupt or truncated");
    }

    @Test
    void weightsOnlyFileWithoutConfiguration() {
        assertOneLine(() -> KerasImport.importModel(FIXTURES.resolve("gru_stacked_weights.h5")))
                .hasMessageContaining("holds weights only (no model_config attribute)");
    }

    @Test
    void unsupportedLayer() throws IOException {
        Path config = config("""
                {"class_name": "Conv1D", "config": {"name": "conv", "filters": 2, "kernel_size": [3],
                 "batch_input_shape": [null, 5, 3]}}""");
        assertOneLine(() -> KerasImport.importConfiguration(config))
                .hasMessageStartingWith("Keras layer Conv1D 'conv' is not supported by rnnkit's Keras import");
    }

    @Test
    void unsupportedOptionsNameLayerAndOption() throws IOException {
        Path relu = config("""
                {"class_name": "LSTM", "config": {"name": "lstm", "units": 2, "activation": "relu",
                 "batch_input_shape": [null, 5, 3]}}""");
        assertOneLine(() -> KerasImport.importConfiguration(relu))
                .hasMessageStartingWith("Keras layer LSTM 'lstm' option activation=relu is not supported");
        Path state = config("""
                {"class_name": "GRU", "config": {"name": "gru", "units": 2, "return_state": true,
                 "batch_input_shape": [null, 5, 3]}}""");
        assertOneLine(() -> KerasImport.importConfiguration(state))
                .hasMessage("Keras layer GRU 'gru' option return_state=true is not supported");
        Path merge = config("""
                {"class_name": "Bidirectional", "config": {"name": "bi", "merge_mode": null,
                 "batch_input_shape": [null, 5, 3], "layer": {"class_name": "GRU", "config": {"units": 2}}}}""");
        assertOneLine(() -> KerasImport.importConfiguration(merge))
                .hasMessageStartingWith("Keras layer Bidirectional 'bi' option merge_mode=null is not supported");
        Path maskZero = config("""
                {"class_name": "Embedding", "config": {"name": "emb", "input_dim": 5, "output_dim": 2,
                 "mask_zero": true, "batch_input_shape": [null, 4]}},
                {"class_name": "Flatten", "config": {"name": "flat"}}""");
        assertOneLine(() -> KerasImport.importConfiguration(maskZero))
                .hasMessageStartingWith("Keras layer Flatten 'flat' reads the output of Embedding 'emb' with mask_zero");
    }

    @Test
    void bidirectionalWithADifferentBackwardLayer() throws IOException {
        Path config = config("""
                {"class_name": "Bidirectional", "config": {"name": "bi", "merge_mode": "concat",
                 "batch_input_shape": [null, 5, 3], "layer": {"class_name": "GRU", "config": {"units": 2}},
                 "backward_layer": {"class_name": "GRU", "config": {"units": 3, "go_backwards": true}}}}""");
        assertOneLine(() -> KerasImport.importConfiguration(config)).hasMessageStartingWith(
                "Keras layer Bidirectional 'bi' option backward_layer with a different configuration");
    }

    @Test
    void keras3FunctionalFormat() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"class_name": "Functional", "config": {"name": "m", "input_layers": [["in", 0, 0]],
                 "output_layers": [["gru", 0, 0]], "layers": [
                 {"class_name": "InputLayer", "name": "in", "config": {"batch_shape": [null, 5, 3]}, "inbound_nodes": []},
                 {"class_name": "GRU", "name": "gru", "config": {"units": 2},
                  "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__"}], "kwargs": {}}]}]}}""");
        assertOneLine(() -> KerasImport.importConfiguration(config))
                .hasMessageContaining("Keras 3 configurations are not supported");
    }

    @Test
    void weightShapesThatDoNotMatchTheConfiguration() throws IOException {
        String json = Files.readString(FIXTURES.resolve("gru_sequences_config.json")).replace("\"units\": 5", "\"units\": 6");
        Path config = Files.writeString(dir.resolve("config.json"), json);
        assertOneLine(() -> KerasImport.importModel(config, FIXTURES.resolve("gru_sequences_weights.h5")))
                .hasMessageEndingWith("weight kernel has shape [3, 15], expected [3, 18]");
    }

    @Test
    void weightsOfAnotherModel() {
        assertOneLine(() -> KerasImport.importModel(FIXTURES.resolve("gru_sequences_config.json"),
                FIXTURES.resolve("lstm_many_steps_weights.h5"))).hasMessageContaining("has no weights in the weights file");
    }

    @Test
    void configurationThatIsNotJson() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"class_name\": ");
        assertOneLine(() -> KerasImport.importConfiguration(config))
                .hasMessageContaining("the model configuration is not valid JSON");
    }

    private Path config(String layers) throws IOException {
        return Files.writeString(dir.resolve("config.json"),
                "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [" + layers + "]}}");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertOneLine(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(UserInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
