package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stepping export run one token at a time in ONNX Runtime, each run fed the state the previous one returned,
 * gives the rnnkit network's whole-sequence output within 1e-5.
 */
class OnnxSteppingExportTest {

    private static final int VOCAB = 11;
    private static final int HIDDEN = 8;
    private static final int BATCH = 2;
    private static final int STEPS = 7;

    @Test
    void stackedLstmStepsLikeTheWholeSequence() throws Exception {
        checkStepping((nIn, nOut) -> new Lstm.Builder().nIn(nIn).nOut(nOut).build(), 4);
    }

    @Test
    void stackedGruStepsLikeTheWholeSequence() throws Exception {
        checkStepping((nIn, nOut) -> new Gru.Builder().nIn(nIn).nOut(nOut).build(), 2);
    }

    @Test
    void stackedSimpleRnnStepsLikeTheWholeSequence() throws Exception {
        checkStepping((nIn, nOut) -> new SimpleRnn.Builder().nIn(nIn).nOut(nOut).build(), 2);
    }

    @Test
    void refusesABidirectionalLayer() {
        MultiLayerNetwork net = network(new Bidirectional(Bidirectional.Mode.CONCAT,
                new Lstm.Builder().nIn(VOCAB).nOut(HIDDEN).build()),
                new SoftmaxCrossEntropyOutput.Builder().nIn(2 * HIDDEN).nOut(VOCAB).build());
        assertThatThrownBy(() -> OnnxExporter.exportStepping(net))
                .isInstanceOf(UserInputException.class)
                .hasMessage("export onnx: layer 0 (Bidirectional): a Bidirectional layer in a stepping export"
                        + " (its backward direction needs the whole sequence) is not supported");
    }

    /** Two layers of the cell and a softmax output, fed one-hot tokens; {@code states} is how many state tensors. */
    private static void checkStepping(BiFunction<Integer, Integer, Layer> cell, int states) throws Exception {
        MultiLayerNetwork net = network(cell.apply(VOCAB, HIDDEN), cell.apply(HIDDEN, HIDDEN),
                new SoftmaxCrossEntropyOutput.Builder().nIn(HIDDEN).nOut(VOCAB).build());
        INDArray x = oneHotTokens();
        INDArray expected = net.output(x);

        OnnxSteppingModel stepping = OnnxExporter.exportStepping(net);
        assertThat(stepping.states()).hasSize(states);
        assertThat(stepping.states().get(0)).isEqualTo(new OnnxSteppingModel.State("state_0_h", "state_0_h_next",
                HIDDEN));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(stepping.toByteArray(), new OrtSession.SessionOptions())) {
            Map<String, float[]> state = new HashMap<>();
            stepping.states().forEach(s -> state.put(s.input(), new float[BATCH * s.size()]));
            for (int t = 0; t < STEPS; t++) {
                INDArray token = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input", tensor(env, token.dup('c').data().asFloat(), token.shape()));
                for (OnnxSteppingModel.State s : stepping.states()) {
                    inputs.put(s.input(), tensor(env, state.get(s.input()), s.shape(BATCH)));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    INDArray output = Nd4j.create(floats((OnnxTensor) result.get("output").orElseThrow()),
                            new long[] {BATCH, VOCAB, 1}, 'c');
                    INDArray want = expected.get(NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.interval(t, t + 1));
                    assertThat(maxDifference(output, want)).as("step %d", t).isLessThan(1e-5);
                    for (OnnxSteppingModel.State s : stepping.states()) {
                        state.put(s.input(), floats((OnnxTensor) result.get(s.output()).orElseThrow()));
                    }
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    private static INDArray oneHotTokens() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, BATCH, VOCAB, STEPS);
        Random random = new Random(3);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                x.putScalar(new long[] {b, random.nextInt(VOCAB), t}, 1f);
            }
        }
        return x;
    }

    private static OnnxTensor tensor(OrtEnvironment env, float[] values, long[] shape) throws Exception {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Math.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
    }

    private static MultiLayerNetwork network(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(15)
                .dataType(DataType.FLOAT).list();
        List.of(layers).forEach(list::layer);
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        // Random biases too, so every parameter takes part.
        Nd4j.getRandom().setSeed(15);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5));
        return net;
    }
}
