package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class RecurrentStateTest {

    private static MultiLayerNetwork net(boolean stateful, boolean tbptt, boolean bidirectional) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Layer rnn = new Lstm.Builder().nIn(4).nOut(5).stateful(stateful).build();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(99).updater(new Sgd(0.5)).list()
                .layer(bidirectional ? new Bidirectional(Bidirectional.Mode.ADD, rnn) : rnn)
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(5).nOut(RecurrentTestNets.CLASSES).build());
        if (tbptt) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void statefulTrainingCarriesStateAcrossFitsUntilReset(boolean tbptt) {
        INDArray x1 = input(4, 4, 6, 51);
        INDArray y1 = oneHotLabels(4, 6, 52);
        INDArray x2 = input(4, 4, 6, 53);
        INDArray y2 = oneHotLabels(4, 6, 54);
        MultiLayerNetwork stateful = net(true, tbptt, false);
        MultiLayerNetwork plain = net(false, tbptt, false);
        MultiLayerNetwork reset = net(true, tbptt, false);
        assertThat(stateful.params()).isEqualTo(plain.params());

        stateful.fit(x1, y1);
        plain.fit(x1, y1);
        reset.fit(x1, y1);
        assertThat(stateful.params()).isEqualTo(plain.params());

        stateful.fit(x2, y2);
        plain.fit(x2, y2);
        RecurrentState.reset(reset);
        reset.fit(x2, y2);
        assertThat(LayerParity.maxAbsDiff(stateful.params(), plain.params())).isGreaterThan(1e-6);
        assertThat(reset.params()).isEqualTo(plain.params());
    }

    @Test
    void batchSizeChangeStartsFromZeroState() {
        MultiLayerNetwork stateful = net(true, false, false);
        MultiLayerNetwork plain = net(false, false, false);
        stateful.fit(input(4, 4, 6, 55), oneHotLabels(4, 6, 56));
        plain.fit(input(4, 4, 6, 55), oneHotLabels(4, 6, 56));
        stateful.fit(input(3, 4, 6, 57), oneHotLabels(3, 6, 58));
        plain.fit(input(3, 4, 6, 57), oneHotLabels(3, 6, 58));
        assertThat(stateful.params()).isEqualTo(plain.params());
    }

    @Test
    void resetReachesLayersInsideBidirectional() {
        MultiLayerNetwork stateful = net(true, false, true);
        MultiLayerNetwork plain = net(false, false, true);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {stateful, plain}) {
            net.fit(input(4, 4, 6, 59), oneHotLabels(4, 6, 60));
            RecurrentState.reset(net);
            net.fit(input(4, 4, 6, 61), oneHotLabels(4, 6, 62));
        }
        assertThat(stateful.params()).isEqualTo(plain.params());
    }

    @Test
    void savedStateRestoredIntoACopyContinuesAsTheOriginalDoes() {
        MultiLayerNetwork original = net(true, false, false);
        original.fit(input(4, 4, 6, 65), oneHotLabels(4, 6, 66));
        Map<String, INDArray> saved = RecurrentState.save(original);
        MultiLayerNetwork restored = original.clone();
        MultiLayerNetwork fresh = original.clone();
        RecurrentState.restore(restored, saved);

        for (MultiLayerNetwork net : new MultiLayerNetwork[] {original, restored, fresh}) {
            net.fit(input(4, 4, 6, 67), oneHotLabels(4, 6, 68));
        }

        assertThat(saved).containsOnlyKeys("0.h", "0.c");
        assertThat(restored.params()).isEqualTo(original.params());
        assertThat(LayerParity.maxAbsDiff(fresh.params(), original.params())).isGreaterThan(1e-6);
    }

    @Test
    void inferenceNeitherUsesNorChangesCarriedState() {
        MultiLayerNetwork stateful = net(true, false, false);
        MultiLayerNetwork plain = net(false, false, false);
        INDArray x = input(4, 4, 6, 63);
        stateful.fit(x, oneHotLabels(4, 6, 64));
        plain.fit(x, oneHotLabels(4, 6, 64));
        assertThat(stateful.output(x)).isEqualTo(plain.output(x));
    }
}
