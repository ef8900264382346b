package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras 1's per-gate GRU weights ({@code W_z}, {@code U_r}, {@code b_h}, ...) and its SimpleRNN's {@code W},
 * {@code U}, {@code b} give the same rnnkit parameters as Keras 2's joined {@code kernel},
 * {@code recurrent_kernel} and {@code bias}.
 */
class Keras1WeightsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void perGateGruWeightsMatchJoinedOnes() throws Exception {
        int nIn = 3;
        int h = 4;
        Nd4j.getRandom().setSeed(1);
        INDArray kernel = Nd4j.rand(nIn, 3 * h);
        INDArray recurrent = Nd4j.rand(h, 3 * h);
        INDArray bias = Nd4j.rand(1, 3 * h);
        KerasLayerConfig keras2 = layer("GRU", "gru_1", "{\"units\": 4, \"reset_after\": false}");
        Map<String, INDArray> joined = RecurrentMapping.params(keras2, List.of(weight("gru_1/kernel:0", kernel),
                weight("gru_1/recurrent_kernel:0", recurrent), weight("gru_1/bias:0", bias.reshape(3 * h))), nIn);
        KerasLayerConfig keras1 = layer("GRU", "gru_1", "{\"output_dim\": 4, \"inner_activation\": \"hard_sigmoid\"}");
        List<KerasWeight> perGate = new ArrayList<>();
        String[] gates = {"z", "r", "h"};
        for (int g = 0; g < 3; g++) {
            perGate.add(weight("gru_1_W_" + gates[g] + ":0", block(kernel, g, h)));
            perGate.add(weight("gru_1_U_" + gates[g] + ":0", block(recurrent, g, h)));
            perGate.add(weight("gru_1_b_" + gates[g] + ":0", block(bias, g, h).reshape(h)));
        }
        Map<String, INDArray> separate = RecurrentMapping.params(keras1, perGate, nIn);
        assertThat(separate.keySet()).containsExactly("W", "RW", "b", "RB");
        assertThat(separate).isEqualTo(joined);
        // rnnkit's first block is the reset gate, Keras's second.
        assertThat(separate.get("W").get(NDArrayIndex.all(), NDArrayIndex.interval(0, h))).isEqualTo(block(kernel, 1, h));
        assertThat(separate.get("RB").sumNumber().doubleValue()).isZero();
        assertThat(((io.rnnkit.models.layers.Gru) RecurrentMapping.layer(keras1, nIn)).isResetAfter()).isFalse();
    }

    @Test
    void keras1SimpleRnnWeights() throws Exception {
        INDArray w = Nd4j.rand(2, 3);
        INDArray u = Nd4j.rand(3, 3);
        INDArray b = Nd4j.rand(1, 3);
        Map<String, INDArray> params = RecurrentMapping.params(layer("SimpleRNN", "rnn", "{\"output_dim\": 3}"),
                List.of(weight("rnn_W:0", w), weight("rnn_U:0", u), weight("rnn_b:0", b.reshape(3))), 2);
        assertThat(params.get("W")).isEqualTo(w);
        assertThat(params.get("RW")).isEqualTo(u);
        assertThat(params.get("b")).isEqualTo(b);
    }

    private static INDArray block(INDArray matrix, int g, int h) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(g * h, (g + 1) * h)).dup();
    }

    private static KerasLayerConfig layer(String className, String name, String config) throws Exception {
        return new KerasLayerConfig(className, name, JSON.readTree(config), List.of());
    }

    private static KerasWeight weight(String name, INDArray values) {
        INDArray c = values.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
        return new KerasWeight(name, java.util.Arrays.stream(c.shape()).mapToInt(d -> (int) d).toArray(),
                c.data().asFloat());
    }
}
