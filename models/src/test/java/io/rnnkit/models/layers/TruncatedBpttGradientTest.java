package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.layers.FusedRecurrentLayerImplTest.Cell;
import io.rnnkit.models.layers.SegmentGradientCheck.SegmentError;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Truncated BPTT that actually truncates: 8 steps in segments of 3, 3 and 2, each segment's gradient
 * checked against a numerical gradient of its own loss with the carried-in state held fixed.
 */
class TruncatedBpttGradientTest {

    private static final int BATCH = 2;
    private static final int N_IN = 4;
    private static final int STEPS = 8;
    private static final int SEGMENT = 3;
    private static final double EPSILON = 1e-6;

    /** Hidden sizes past the vector width: 13 = 8 doubles + 5, 19 = 16 floats + 3. */
    static Stream<Arguments> cellsAndWidths() {
        return Stream.of(Cell.values()).flatMap(cell -> Stream.of(Arguments.of(cell, 13), Arguments.of(cell, 19)));
    }

    private static MultiLayerNetwork segmentNet(int hidden, Layer recurrent) {
        return doubleNet(new Sgd(0.0), SEGMENT, hidden, recurrent);
    }

    @ParameterizedTest
    @MethodSource("cellsAndWidths")
    void eachSegmentGradientMatchesNumericalInDoubleAndFloat(Cell cell, int hidden) {
        MultiLayerNetwork net = segmentNet(hidden, cell.layer(N_IN, hidden));
        MultiLayerNetwork floatNet = net.convertDataType(DataType.FLOAT);
        INDArray x = input(BATCH, N_IN, STEPS, 51);
        INDArray y = oneHotLabels(BATCH, STEPS, 52);
        List<INDArray> numerical = SegmentGradientCheck.numericalGradients(net, x, y, SEGMENT, EPSILON);
        assertThat(numerical).hasSize(3);

        List<SegmentError> errors = SegmentGradientCheck.compare(net,
                SegmentGradientCheck.analyticGradients(net, x, y), numerical);
        for (SegmentError e : errors) {
            assertThat(e.maxAbsGradient()).as("%s", e).isGreaterThan(0.1);
            assertThat(e.relativeError()).as("double %s", e).isLessThan(1e-7);
        }
        List<SegmentError> floatErrors = SegmentGradientCheck.compare(net,
                SegmentGradientCheck.analyticGradients(floatNet, x, y), numerical);
        for (SegmentError e : floatErrors) {
            assertThat(e.relativeError()).as("float %s", e).isLessThan(1e-5);
        }
    }

    /**
     * Stock DL4J M2.1 gets the recurrent layer's truncated-BPTT gradient (W, RW and b) wrong once a
     * state is carried in, by 15% (LSTM) to 100% (SimpleRnn) of the gradient's size here; segment 0,
     * which starts from zeros, and the output layer are right. rnnkit's layer with the same parameters
     * matches the numerical gradient.
     */
    @ParameterizedTest
    @ValueSource(strings = {"LSTM", "SIMPLE_RNN"})
    void stockDl4jIsWrongUnderTruncationWhereRnnkitIsRight(String cellName) {
        Cell cell = Cell.valueOf(cellName);
        int hidden = 13;
        Layer stockLayer = cell == Cell.LSTM
                ? new LSTM.Builder().nIn(N_IN).nOut(hidden).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build()
                : new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nIn(N_IN).nOut(hidden)
                        .activation(Activation.TANH).build();
        MultiLayerNetwork stock = segmentNet(hidden, stockLayer);
        MultiLayerNetwork ours = segmentNet(hidden, cell.layer(N_IN, hidden));
        ours.setParams(stock.params());
        INDArray x = input(BATCH, N_IN, STEPS, 53);
        INDArray y = oneHotLabels(BATCH, STEPS, 54);

        List<INDArray> stockNumerical = SegmentGradientCheck.numericalGradients(stock, x, y, SEGMENT, EPSILON);
        List<INDArray> ourNumerical = SegmentGradientCheck.numericalGradients(ours, x, y, SEGMENT, EPSILON);
        for (int k = 0; k < stockNumerical.size(); k++) {
            // same forward pass, so the same segment losses: only the backward differs
            assertThat(LayerParity.maxAbsDiff(stockNumerical.get(k), ourNumerical.get(k))).isLessThan(1e-8);
        }
        List<SegmentError> stockErrors = SegmentGradientCheck.compare(stock,
                SegmentGradientCheck.analyticGradients(stock, x, y), stockNumerical);
        List<SegmentError> ourErrors = SegmentGradientCheck.compare(ours,
                SegmentGradientCheck.analyticGradients(ours, x, y), ourNumerical);

        assertThat(stockErrors.get(0).relativeError()).as("stock, zero initial state").isLessThan(1e-7);
        for (SegmentError e : stockErrors.subList(1, stockErrors.size())) {
            assertThat(e.relativeError()).as("stock %s", e).isGreaterThan(1e-2);
            assertThat(e.worstParameter()).as("stock %s", e).startsWith("0_");
        }
        for (SegmentError e : ourErrors) {
            assertThat(e.relativeError()).as("rnnkit %s", e).isLessThan(1e-7);
        }
    }
}
