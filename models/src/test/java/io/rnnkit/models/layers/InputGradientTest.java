package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.floatCopy;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientsOk;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.layers.FusedRecurrentLayerImplTest.Cell;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code inputGradient(false)}: the layer's backprop returns no gradient for its input and the same parameter
 * gradients, bit for bit, as with it; a network whose first layer skips it still passes the gradient check.
 */
class InputGradientTest {

    private static final int N_IN = 5;
    private static final int HIDDEN = 4;
    private static final int BATCH = 3;
    private static final int STEPS = 6;

    @ParameterizedTest
    @EnumSource(Cell.class)
    void withoutTheInputGradientTheParameterGradientsAreTheSameBits(Cell cell) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Pair<Gradient, INDArray> with = backprop(cell, true, type);
            Pair<Gradient, INDArray> without = backprop(cell, false, type);

            assertThat(with.getSecond()).as("the input gradient, when asked for").isNotNull();
            assertThat(with.getSecond().shape()).containsExactly(BATCH, N_IN, STEPS);
            assertThat(without.getSecond()).as(type + ": no input gradient").isNull();
            assertThat(without.getFirst().gradientForVariable().keySet())
                    .isEqualTo(with.getFirst().gradientForVariable().keySet());
            for (String key : with.getFirst().gradientForVariable().keySet()) {
                assertThat(without.getFirst().getGradientFor(key)).as(type + " " + key)
                        .isEqualTo(with.getFirst().getGradientFor(key));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void aStackWhoseFirstLayerSkipsItPassesTheGradientCheck(Cell cell) {
        MultiLayerNetwork net = doubleNet(0, HIDDEN, cell.builder(N_IN, HIDDEN).inputGradient(false).build(),
                cell.builder(HIDDEN, HIDDEN).build());
        INDArray mask = trailingMask(BATCH, STEPS);

        assertThat(gradientsOk(net, input(BATCH, N_IN, STEPS, 3), oneHotLabels(BATCH, STEPS, 4), mask)).isTrue();
    }

    @Test
    void theSettingSurvivesJsonAndDefaultsToOnForConfigsWrittenBeforeIt() {
        MultiLayerNetwork net = doubleNet(0, HIDDEN, new Lstm.Builder().nIn(N_IN).nOut(HIDDEN).inputGradient(false)
                .build(), new Lstm.Builder().nIn(HIDDEN).nOut(HIDDEN).build());
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();

        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(read).isEqualTo(conf);
        assertThat(((FusedRecurrentLayer) read.getConf(0).getLayer()).isInputGradient()).isFalse();
        assertThat(((FusedRecurrentLayer) read.getConf(1).getLayer()).isInputGradient()).isTrue();
        String older = conf.toJson().replaceAll("\"inputGradient\"\\s*:\\s*false,?", "");
        assertThat(older).doesNotContain("inputGradient\" : false");
        assertThat(((FusedRecurrentLayer) MultiLayerConfiguration.fromJson(older).getConf(0).getLayer())
                .isInputGradient()).isTrue();
    }

    private static Pair<Gradient, INDArray> backprop(Cell cell, boolean inputGradient, DataType type) {
        MultiLayerNetwork net = doubleNet(0, HIDDEN, cell.builder(N_IN, HIDDEN).inputGradient(inputGradient).build());
        if (type == DataType.FLOAT) {
            net = floatCopy(net);
        }
        net.initGradientsView();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        layer.setInput(input(BATCH, N_IN, STEPS, 1).castTo(type), mgr);
        layer.activate(true, mgr);
        Pair<Gradient, INDArray> back = layer.backpropGradient(input(BATCH, HIDDEN, STEPS, 2).castTo(type), mgr);
        Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
        back.getFirst().gradientForVariable().forEach((key, value) -> copy.setGradientFor(key, value.dup()));
        return new Pair<>(copy, back.getSecond());
    }
}
