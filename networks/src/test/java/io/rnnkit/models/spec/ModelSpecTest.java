package io.rnnkit.models.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ModelSpecTest {

    /** The PTB small reference network. */
    static final ModelSpec PTB = new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.INDEX, 10_000, 200, 2,
            200, "tanh", BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, 10_000, Loss.CROSS_ENTROPY,
            new WeightInitSpec("uniform:0.1"), 0.0, 35, DataType.FLOAT, 1);

    @Test
    void roundTripsThroughTheFlatForm() {
        assertThat(ModelSpec.fromMap(PTB.toMap())).isEqualTo(PTB);
        assertThat(PTB.toMap()).containsEntry("cell", "lstm").containsEntry("head", "step-classification")
                .containsEntry("weight-init", "uniform:0.1");
    }

    @Test
    void overridesAreValidatedAgain() {
        ModelSpec gru = PTB.with(Map.of("cell", "gru", "hidden", "256"));
        assertThat(gru.cell()).isEqualTo(Cell.GRU);
        assertThat(gru.hidden()).isEqualTo(256);

        assertThatThrownBy(() -> PTB.with(Map.of("hidden", "0")))
                .isInstanceOf(UserInputException.class).hasMessage("hidden: must be a positive whole number, got 0");
        assertThatThrownBy(() -> PTB.with(Map.of("hidden", "big")))
                .hasMessage("hidden: expected a whole number, got 'big'");
        assertThatThrownBy(() -> PTB.with(Map.of("colour", "red"))).hasMessageStartingWith("colour: not a model setting");
        assertThatThrownBy(() -> PTB.with(Map.of("cell", "transformer")))
                .hasMessage("cell: unknown value 'transformer'; choose one of simple, lstm, gru");
    }

    @Test
    void invalidCombinationsNameTheField() {
        assertThatThrownBy(() -> PTB.with(Map.of("input", "one-hot")))
                .hasMessageStartingWith("embedding: needs --input index, but the input is one-hot");
        assertThatThrownBy(() -> PTB.with(Map.of("embedding", "0"))).hasMessageStartingWith("input: index features need");
        assertThatThrownBy(() -> PTB.with(Map.of("impl", "dl4j", "cell", "gru"))).hasMessageStartingWith("impl: DL4J has no GRU");
        assertThatThrownBy(() -> PTB.with(Map.of("activation", "relu"))).hasMessageStartingWith("activation: relu is only");
        assertThatThrownBy(() -> PTB.with(Map.of("dropout", "0"))).hasMessageStartingWith("dropout: is a keep probability");
        assertThatThrownBy(() -> PTB.with(Map.of("dropout", "1.5"))).hasMessageStartingWith("dropout:");
        assertThatThrownBy(() -> PTB.with(Map.of("head", "sequence-classification")))
                .hasMessageStartingWith("tbptt: truncated BPTT needs a label at every step");
        assertThatThrownBy(() -> PTB.with(Map.of("bidirectional", "concat")))
                .hasMessageStartingWith("tbptt: a bidirectional network");
        assertThatThrownBy(() -> PTB.with(Map.of("loss", "mse"))).hasMessageStartingWith("loss: mse does not fit");
        assertThatThrownBy(() -> PTB.with(Map.of("weight-init", "uniform:-1"))).hasMessageStartingWith("weight-init:");
        assertThatThrownBy(() -> PTB.with(Map.of("dtype", "half"))).hasMessageStartingWith("dtype:");
    }
}
