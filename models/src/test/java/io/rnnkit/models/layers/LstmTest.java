package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientsOk;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
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

class LstmTest {

    private static Lstm lstm(int nIn, int nOut) {
        return new Lstm.Builder().nIn(nIn).nOut(nOut).build();
    }

    @Test
    void gradientsPassAloneAndStacked() {
        INDArray x = input(3, 4, 5, 1);
        INDArray y = oneHotLabels(3, 5, 2);
        assertThat(gradientsOk(doubleNet(0, 5, lstm(4, 5)), x, y, null)).isTrue();
        assertThat(gradientsOk(doubleNet(0, 3, lstm(4, 5), lstm(5, 3)), x, y, null)).isTrue();
    }

    @Test
    void gradientsPassWithMasks() {
        INDArray x = input(3, 4, 5, 3);
        INDArray y = oneHotLabels(3, 5, 4);
        assertThat(gradientsOk(doubleNet(0, 3, lstm(4, 5), lstm(5, 3)), x, y, trailingMask(3, 5))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.Mode.class)
    void gradientsPassInsideBidirectional(Bidirectional.Mode mode) {
        INDArray x = input(3, 4, 5, 5);
        INDArray y = oneHotLabels(3, 5, 6);
        int out = mode == Bidirectional.Mode.CONCAT ? 6 : 3;
        MultiLayerNetwork net = doubleNet(0, out, new Bidirectional(mode, lstm(4, 3)));
        assertThat(gradientsOk(net, x, y, trailingMask(3, 5))).isTrue();
    }

    @Test
    void gradientsPassWithTbptt() {
        INDArray x = input(2, 3, 4, 7);
        INDArray y = oneHotLabels(2, 4, 8);
        assertThat(gradientsOk(doubleNet(4, 4, lstm(3, 4)), x, y, null)).isTrue();
    }

    @Test
    void matchesDl4jLstmOutputsAndGradients() {
        LSTM stockLayer = new LSTM.Builder().nIn(4).nOut(5).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
        MultiLayerNetwork stock = doubleNet(0, 5, stockLayer);
        MultiLayerNetwork ours = doubleNet(0, 5, lstm(4, 5));
        assertThat(ours.numParams()).isEqualTo(stock.numParams());
        ours.setParams(stock.params());
        INDArray x = input(3, 4, 6, 9);
        INDArray y = oneHotLabels(3, 6, 10);
        INDArray mask = trailingMask(3, 6);
        LayerParity.assertSameOutputsAndGradients(stock, ours, x, y, mask);
    }

    /**
     * Hidden 13 and 19 fill the vector lanes (8 doubles, 16 floats on AVX-512) and leave a scalar tail;
     * the second layer's input gradient reaches the first layer's gradients, with nIn = hidden.
     */
    @ParameterizedTest
    @CsvSource({"13, DOUBLE, 1e-12", "19, DOUBLE, 1e-12", "13, FLOAT, 2e-5", "19, FLOAT, 2e-5"})
    void matchesDl4jLstmAtFullVectorWidth(int hidden, DataType type, double relativeTolerance) {
        MultiLayerNetwork stock = doubleNet(0, hidden, stockLstm(4, hidden), stockLstm(hidden, hidden));
        MultiLayerNetwork ours = doubleNet(0, hidden, lstm(4, hidden), lstm(hidden, hidden));
        LayerParity.assertMatchesStock(stock, ours, type, input(3, 4, 6, 51), oneHotLabels(3, 6, 52),
                trailingMask(3, 6), relativeTolerance);
    }

    /**
     * Inputs scaled by 10 drive many gates into the hard sigmoid's clipped, zero-gradient range. DL4J's
     * hard sigmoid multiplies by the float constant 0.2f even in double (0.2000000029802...), ours by 0.2,
     * so double outputs differ by a few 1e-9 relative: the double tolerance is 1e-7, not 1e-12.
     */
    @ParameterizedTest
    @CsvSource({"13, DOUBLE, 1e-7", "19, FLOAT, 2e-5"})
    void hardSigmoidGatesMatchDl4jLstm(int hidden, DataType type, double relativeTolerance) {
        LSTM stockLayer = new LSTM.Builder().nIn(4).nOut(hidden).activation(Activation.TANH)
                .gateActivationFunction(Activation.HARDSIGMOID).build();
        Lstm ourLayer = new Lstm.Builder().nIn(4).nOut(hidden).gateActivation(GateActivation.HARD_SIGMOID).build();
        MultiLayerNetwork stock = doubleNet(0, hidden, stockLayer);
        MultiLayerNetwork ours = doubleNet(0, hidden, ourLayer);
        LayerParity.assertMatchesStock(stock, ours, type, input(3, 4, 6, 55).mul(10), oneHotLabels(3, 6, 56),
                trailingMask(3, 6), relativeTolerance);
    }

    @Test
    void hardSigmoidGatesPassTheGradientCheck() {
        Lstm hard = new Lstm.Builder().nIn(4).nOut(5).gateActivation(GateActivation.HARD_SIGMOID).build();
        INDArray x = input(3, 4, 5, 57);
        assertThat(gradientsOk(doubleNet(0, 5, hard), x, oneHotLabels(3, 5, 58), trailingMask(3, 5))).isTrue();
    }

    private static LSTM stockLstm(int nIn, int nOut) {
        return new LSTM.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {13})
    void gradientsPassAtFullVectorWidth(int hidden) {
        INDArray x = input(2, 3, 4, 53);
        INDArray y = oneHotLabels(2, 4, 54);
        assertThat(gradientsOk(doubleNet(0, hidden, lstm(3, hidden)), x, y, trailingMask(2, 4))).isTrue();
    }

    @Test
    void forgetGateBiasStartsAtConfiguredValue() {
        MultiLayerNetwork net = doubleNet(0, 2, new Lstm.Builder().nIn(3).nOut(2).forgetGateBiasInit(5.0).build());
        // doubleNet adds noise in [-0.1, 0.1) to every parameter
        INDArray b = net.getLayer(0).getParam("b");
        for (int j = 0; j < 8; j++) {
            double expected = j >= 2 && j < 4 ? 5.0 : 0.0;
            assertThat(b.getDouble(0, j)).isBetween(expected - 0.1, expected + 0.1);
        }
    }

    @Test
    void badConfigurationNamesTheField() {
        assertThatThrownBy(() -> new Lstm.Builder().nIn(3).nOut(0).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nOut");
        assertThatThrownBy(() -> new Lstm.Builder().nIn(-2).nOut(3).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nIn");
        assertThatThrownBy(() -> new Lstm.Builder().dropOut(0.0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("dropOut");
        assertThatThrownBy(() -> new Lstm.Builder().dropOut(1.5))
                .isInstanceOf(UserInputException.class).hasMessageContaining("dropOut");
        assertThatThrownBy(() -> new Lstm.Builder().recurrentDropOut(0.0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("recurrentDropOut");
        assertThatThrownBy(() -> new Lstm.Builder().nIn(3).nOut(2).activation(Activation.RELU).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("activation");
    }

    @Test
    void configRoundTripsThroughJson() {
        MultiLayerConfiguration conf = doubleNet(0, 5, new Lstm.Builder().nIn(4).nOut(5).forgetGateBiasInit(2.0)
                .dropOut(0.8).recurrentDropOut(0.9).stateful(true).gateActivation(GateActivation.HARD_SIGMOID)
                .build()).getLayerWiseConfigurations();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertThat(json).contains("io.rnnkit.models.layers.Lstm");
        assertThat(back).isEqualTo(conf);
        Lstm layer = (Lstm) back.getConf(0).getLayer();
        assertThat(layer.getForgetGateBiasInit()).isEqualTo(2.0);
        assertThat(layer.getRecurrentDropOut()).isEqualTo(0.9);
        assertThat(layer.isStateful()).isTrue();
        assertThat(layer.getGateActivation()).isEqualTo(GateActivation.HARD_SIGMOID);
    }
}
