package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientsOk;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SimpleRnnTest {

    private static SimpleRnn rnn(int nIn, int nOut, Activation activation) {
        return new SimpleRnn.Builder().nIn(nIn).nOut(nOut).activation(activation).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TANH", "RELU"})
    void gradientsPassAloneStackedAndMasked(String activationName) {
        Activation activation = Activation.valueOf(activationName);
        INDArray x = input(3, 4, 5, 11);
        INDArray y = oneHotLabels(3, 5, 12);
        assertThat(gradientsOk(doubleNet(0, 5, rnn(4, 5, activation)), x, y, null)).isTrue();
        assertThat(gradientsOk(doubleNet(0, 3, rnn(4, 5, activation), rnn(5, 3, activation)), x, y,
                trailingMask(3, 5))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void gradientsPassInsideBidirectional(Bidirectional.Mode mode) {
        int out = mode == Bidirectional.Mode.CONCAT ? 8 : 4;
        MultiLayerNetwork net = doubleNet(0, out, new Bidirectional(mode, rnn(4, 4, Activation.TANH)));
        assertThat(gradientsOk(net, input(3, 4, 5, 13), oneHotLabels(3, 5, 14), trailingMask(3, 5))).isTrue();
    }

    @Test
    void gradientsPassWithTbptt() {
        assertThat(gradientsOk(doubleNet(4, 4, rnn(3, 4, Activation.TANH)), input(2, 3, 4, 15),
                oneHotLabels(2, 4, 16), null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TANH", "RELU"})
    void matchesDl4jSimpleRnnOutputsAndGradients(String activationName) {
        Activation activation = Activation.valueOf(activationName);
        MultiLayerNetwork stock = doubleNet(0, 5, new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder()
                .nIn(4).nOut(5).activation(activation).build());
        MultiLayerNetwork ours = doubleNet(0, 5, rnn(4, 5, activation));
        assertThat(ours.numParams()).isEqualTo(stock.numParams());
        ours.setParams(stock.params());
        LayerParity.assertSameOutputsAndGradients(stock, ours, input(3, 4, 6, 17), oneHotLabels(3, 6, 18),
                trailingMask(3, 6));
    }

    /**
     * Hidden 13 and 19 fill the vector lanes (8 doubles, 16 floats on AVX-512) and leave a scalar tail;
     * the second layer's input gradient reaches the first layer's gradients, with nIn = hidden.
     */
    @ParameterizedTest
    @CsvSource({"TANH, 13, DOUBLE, 1e-12", "RELU, 13, DOUBLE, 1e-12", "TANH, 19, DOUBLE, 1e-12",
        "RELU, 19, DOUBLE, 1e-12", "TANH, 13, FLOAT, 2e-5", "RELU, 13, FLOAT, 2e-5", "TANH, 19, FLOAT, 2e-5",
        "RELU, 19, FLOAT, 2e-5"})
    void matchesDl4jSimpleRnnAtFullVectorWidth(Activation activation, int hidden, DataType type,
                                               double relativeTolerance) {
        MultiLayerNetwork stock = doubleNet(0, hidden, stockRnn(4, hidden, activation),
                stockRnn(hidden, hidden, activation));
        MultiLayerNetwork ours = doubleNet(0, hidden, rnn(4, hidden, activation), rnn(hidden, hidden, activation));
        LayerParity.assertMatchesStock(stock, ours, type, input(3, 4, 6, 61), oneHotLabels(3, 6, 62),
                trailingMask(3, 6), relativeTolerance);
    }

    private static org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn stockRnn(int nIn, int nOut,
                                                                                 Activation activation) {
        return new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nIn(nIn).nOut(nOut)
                .activation(activation).build();
    }

    @ParameterizedTest
    @CsvSource({"TANH, 13", "RELU, 13"})
    void gradientsPassAtFullVectorWidth(Activation activation, int hidden) {
        assertThat(gradientsOk(doubleNet(0, hidden, rnn(3, hidden, activation)), input(2, 3, 4, 63),
                oneHotLabels(2, 4, 64), trailingMask(2, 4))).isTrue();
    }

    @Test
    void unknownActivationNamesTheField() {
        assertThatThrownBy(() -> rnn(3, 4, Activation.SIGMOID))
                .isInstanceOf(UserInputException.class).hasMessageContaining("activation");
        assertThatThrownBy(() -> new SimpleRnn.Builder().nIn(3).nOut(-1).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nOut");
        assertThatThrownBy(() -> new SimpleRnn.Builder().nIn(3).nOut(4).gateActivation(GateActivation.HARD_SIGMOID)
                .build()).isInstanceOf(UserInputException.class).hasMessageContaining("has no gates");
    }
}
