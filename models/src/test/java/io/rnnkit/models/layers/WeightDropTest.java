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
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DropConnect on the recurrent weights ({@code weightDropOut}): one mask per pass, masked gradients. */
class WeightDropTest {

    private static Layer layer(String cell, double keep) {
        return switch (cell) {
            case "lstm" -> new Lstm.Builder().nIn(4).nOut(5).weightDropOut(keep).build();
            case "gru" -> new Gru.Builder().nIn(4).nOut(5).weightDropOut(keep).build();
            default -> new SimpleRnn.Builder().nIn(4).nOut(5).weightDropOut(keep).build();
        };
    }

    /** mask/keep values for RW [5, G·5] with keep 0.5: entries 0 or 2. */
    private static INDArray scale(MultiLayerNetwork net) {
        INDArray rw = net.getLayer(0).getParam("RW");
        Nd4j.getRandom().setSeed(12);
        INDArray scale = Nd4j.rand(DataType.DOUBLE, rw.shape()).gt(0.5).castTo(DataType.DOUBLE).muli(2.0);
        return scale.dup('f');
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "simple"})
    void gradientsWithAFixedMaskPassTheGradientCheck(String cell) {
        MultiLayerNetwork net = doubleNet(0, 5, layer(cell, 0.5));
        ((FusedRecurrentLayerImpl) net.getLayer(0)).fixWeightDropScale(scale(net));
        assertThat(gradientsOk(net, input(3, 4, 5, 71), oneHotLabels(3, 5, 72), trailingMask(3, 5))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru"})
    void aTrainingPassRunsWithTheMaskedWeightsAndInferenceWithTheWholeOnes(String cell) {
        MultiLayerNetwork dropping = doubleNet(0, 5, layer(cell, 0.5));
        MultiLayerNetwork plain = doubleNet(0, 5, layer(cell, 1.0));
        plain.setParams(dropping.params());
        INDArray scale = scale(dropping);
        ((FusedRecurrentLayerImpl) dropping.getLayer(0)).fixWeightDropScale(scale);
        INDArray x = input(3, 4, 5, 73);

        assertThat(dropping.output(x, false).sub(plain.output(x, false)).amaxNumber().doubleValue()).isZero();

        org.deeplearning4j.nn.api.Layer ours = dropping.getLayer(0);
        ours.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray inference = ours.activate(false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray training = ours.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
        plain.getLayer(0).getParam("RW").muli(scale);
        org.deeplearning4j.nn.api.Layer masked = plain.getLayer(0);
        masked.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray expected = masked.activate(false, LayerWorkspaceMgr.noWorkspaces());
        assertThat(training.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-14);
        assertThat(training.sub(inference).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void eachTrainingPassDrawsANewMaskAtTheKeepRate() {
        MultiLayerNetwork net = doubleNet(0, 5, new Lstm.Builder().nIn(4).nOut(50).weightDropOut(0.7).build());
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        INDArray x = input(2, 4, 3, 74);
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray first = layer.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray second = layer.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
        assertThat(first.sub(second).amaxNumber().doubleValue()).isGreaterThan(1e-6);

        INDArray rwGrad = layer.backpropGradient(Nd4j.ones(DataType.DOUBLE, 2, 50, 3), LayerWorkspaceMgr.noWorkspaces())
                .getFirst().getGradientFor("RW");
        double zeroed = rwGrad.eq(0.0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / rwGrad.length();
        // 10,000 entries kept with probability 0.7: about 30% of the gradient is masked to exactly zero
        assertThat(zeroed).isBetween(0.27, 0.33);
    }

    @Test
    void theOptionRoundTripsThroughJsonAndIsCheckedAsAKeepProbability() {
        MultiLayerConfiguration conf = doubleNet(0, 5, layer("gru", 0.6)).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(((Gru) back.getConf(0).getLayer()).getWeightDropOut()).isEqualTo(0.6);
        assertThatThrownBy(() -> new Lstm.Builder().weightDropOut(0.0))
                .isInstanceOf(UserInputException.class).hasMessageContaining("weightDropOut");
    }
}
