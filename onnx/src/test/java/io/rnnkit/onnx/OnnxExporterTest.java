package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Exported rnnkit networks run in ONNX Runtime (an independent implementation) and through rnnkit's own importer,
 * both giving the network's outputs within 1e-5.
 */
class OnnxExporterTest {

    private static final int BATCH = 3;
    private static final int STEPS = 6;

    @TempDir
    Path dir;

    @Test
    void embeddingAndStackedLstmLanguageModel() throws Exception {
        MultiLayerNetwork net = network(
                new EmbeddingSequenceLayer.Builder().nIn(11).nOut(5).outputDataFormat(RNNFormat.NCW).build(),
                new Lstm.Builder().nIn(5).nOut(7).build(),
                new Lstm.Builder().nIn(7).nOut(6).gateActivation(GateActivation.HARD_SIGMOID).build(),
                new SoftmaxCrossEntropyOutput.Builder().nIn(6).nOut(11).build());
        INDArray tokens = Nd4j.zeros(DataType.FLOAT, BATCH, 1, STEPS);
        Random random = new Random(1);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                tokens.putScalar(new long[] {b, 0, t}, random.nextInt(11));
            }
        }
        INDArray ids = tokens.reshape(BATCH, STEPS).castTo(DataType.LONG);
        checkExport(net, tokens, "tokens", ids, new long[] {BATCH, 11, STEPS});
    }

    @Test
    void gruBothResetFormsWithRnnOutput() throws Exception {
        MultiLayerNetwork net = network(
                new Gru.Builder().nIn(4).nOut(6).build(),
                new Gru.Builder().nIn(6).nOut(5).resetAfter(false).gateActivation(GateActivation.HARD_SIGMOID).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 4, STEPS).subi(0.5);
        checkExport(net, x, "input", x, new long[] {BATCH, 3, STEPS});
    }

    @Test
    void simpleRnnsWithIdentityOutput() throws Exception {
        MultiLayerNetwork net = network(
                new SimpleRnn.Builder().nIn(2).nOut(5).activation(Activation.RELU).build(),
                new SimpleRnn.Builder().nIn(5).nOut(4).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 2, STEPS).subi(0.5);
        checkExport(net, x, "input", x, new long[] {BATCH, 2, STEPS});
    }

    @Test
    void bidirectionalLayersLastStepDenseAndClassifier() throws Exception {
        MultiLayerNetwork net = network(
                new Bidirectional(Bidirectional.Mode.CONCAT, new Lstm.Builder().nIn(3).nOut(4).build()),
                new LastTimeStep(new Bidirectional(Bidirectional.Mode.CONCAT, new Gru.Builder().nIn(8).nOut(5).build())),
                new DenseLayer.Builder().nIn(10).nOut(6).activation(Activation.RELU).build(),
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(4)
                        .activation(Activation.SOFTMAX).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 3, STEPS).subi(0.5);
        checkExport(net, x, "input", x, new long[] {BATCH, 4});
    }

    @Test
    void refusesABidirectionalModeOtherThanConcat() {
        MultiLayerNetwork net = network(
                new Bidirectional(Bidirectional.Mode.ADD, new Lstm.Builder().nIn(3).nOut(4).build()),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build());
        assertThatThrownBy(() -> OnnxExporter.export(net))
                .isInstanceOf(UserInputException.class)
                .hasMessage("export onnx: layer 0 (Bidirectional): Bidirectional mode ADD (ONNX export takes CONCAT)"
                        + " is not supported");
    }

    private void checkExport(MultiLayerNetwork net, INDArray input, String name, INDArray onnxInput, long[] shape)
            throws Exception {
        INDArray expected = net.output(input);
        assertThat(expected.shape()).containsExactly(shape);
        Path file = dir.resolve("model.onnx");
        OnnxExporter.write(net, file);

        INDArray fromRuntime = runInOnnxRuntime(file, name, onnxInput);
        assertThat(maxDifference(fromRuntime, expected)).as("ONNX Runtime").isLessThan(1e-5);

        OnnxModel imported = OnnxModel.load(file);
        INDArray roundTrip = imported.run(Map.of(name, onnxInput)).get("output");
        assertThat(roundTrip.shape()).containsExactly(shape);
        assertThat(maxDifference(roundTrip, expected)).as("export then import").isLessThan(1e-5);
    }

    private static INDArray runInOnnxRuntime(Path file, String name, INDArray input) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = input.dataType() == DataType.LONG
                     ? OnnxTensor.createTensor(env, LongBuffer.wrap(input.dup('c').data().asLong()), input.shape())
                     : OnnxTensor.createTensor(env, FloatBuffer.wrap(input.dup('c').data().asFloat()), input.shape());
             OrtSession.Result result = session.run(Map.of(name, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return Nd4j.create(values, out.getInfo().getShape(), 'c');
        }
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static MultiLayerNetwork network(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(15)
                .dataType(DataType.FLOAT).list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        // Random biases too (they start at zero or one), so every parameter is checked.
        Nd4j.getRandom().setSeed(15);
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5));
        return net;
    }
}
