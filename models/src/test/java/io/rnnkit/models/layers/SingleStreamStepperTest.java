package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class SingleStreamStepperTest {

    private static final int SYMBOLS = 7;
    private static final int[] SEQUENCE = {3, 0, 6, 6, 1, 2, 5, 4, 0, 3, 2, 1};
    private static final double TOLERANCE = 2e-6;

    @Test
    void stackedLstmMatchesRnnTimeStepAtEveryStep() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 1, new Lstm.Builder().nIn(SYMBOLS).nOut(12).build(),
                new Lstm.Builder().nIn(12).nOut(10).build(), softmax(10)), false);
    }

    @Test
    void stackedGruMatchesRnnTimeStepAtEveryStep() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 2, new Gru.Builder().nIn(SYMBOLS).nOut(12).build(),
                new Gru.Builder().nIn(12).nOut(10).build(), softmax(10)), false);
    }

    @Test
    void gruWithTheResetGateBeforeTheProductMatchesRnnTimeStep() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 7, new Gru.Builder().nIn(SYMBOLS).nOut(12).resetAfter(false).build(),
                new Gru.Builder().nIn(12).nOut(10).resetAfter(false).gateActivation(GateActivation.HARD_SIGMOID).build(),
                softmax(10)), false);
    }

    @Test
    void hardSigmoidGatesMatchRnnTimeStep() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 5,
                new Lstm.Builder().nIn(SYMBOLS).nOut(12).gateActivation(GateActivation.HARD_SIGMOID).build(),
                new Gru.Builder().nIn(12).nOut(10).gateActivation(GateActivation.HARD_SIGMOID).build(), softmax(10)),
                false);
    }

    @Test
    void simpleRnnMatchesRnnTimeStepWithTanhAndRelu() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 3, new SimpleRnn.Builder().nIn(SYMBOLS).nOut(12).build(),
                new SimpleRnn.Builder().nIn(12).nOut(10).activation(Activation.RELU).build(), softmax(10)), false);
    }

    @Test
    void embeddingDropoutAndFusedSoftmaxOutputMatchRnnTimeStep() {
        assertMatchesRnnTimeStep(net(DataType.FLOAT, 4,
                new EmbeddingSequenceLayer.Builder().nIn(SYMBOLS).nOut(5).hasBias(true).build(),
                new Lstm.Builder().nIn(5).nOut(40).dropOut(0.7).recurrentDropOut(0.8).build(),
                new DropoutLayer.Builder(0.5).build(),
                new Gru.Builder().nIn(40).nOut(33).dropOut(0.7).build(),
                new SoftmaxCrossEntropyOutput.Builder().nIn(33).nOut(SYMBOLS).build()), true);
    }

    @Test
    void resetStartsANewSequence() {
        MultiLayerNetwork net = net(DataType.FLOAT, 5, new Lstm.Builder().nIn(SYMBOLS).nOut(8).build(), softmax(8));
        SingleStreamStepper stepper = SingleStreamStepper.tryCompile(net).orElseThrow();
        double[] first = stepper.step(2).clone();
        stepper.step(4);
        double[] afterTwo = stepper.step(2).clone();
        stepper.reset();

        assertThat(stepper.step(2)).containsExactly(first);
        assertThat(maxDifference(first, afterTwo)).isGreaterThan(1e-4);
    }

    @Test
    void symbolsOutsideTheVocabularyAreRefused() {
        SingleStreamStepper stepper = SingleStreamStepper.tryCompile(
                net(DataType.FLOAT, 6, new Gru.Builder().nIn(SYMBOLS).nOut(8).build(), softmax(8))).orElseThrow();

        assertThat(stepper.symbols()).isEqualTo(SYMBOLS);
        assertThatThrownBy(() -> stepper.step(SYMBOLS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol 7 is outside [0, 7)");
        assertThatThrownBy(() -> stepper.step(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsupportedNetworksAreLeftToRnnTimeStep() {
        Supplier<Layer> lstm = () -> new Lstm.Builder().nIn(SYMBOLS).nOut(8).build();
        Layer identityHead = new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY)
                .nIn(8).nOut(SYMBOLS).build();

        assertThat(SingleStreamStepper.tryCompile(net(DataType.DOUBLE, 7, lstm.get(), softmax(8)))).isEmpty();
        assertThat(SingleStreamStepper.tryCompile(net(DataType.FLOAT, 7,
                new LSTM.Builder().nIn(SYMBOLS).nOut(8).activation(Activation.TANH).build(), softmax(8)))).isEmpty();
        assertThat(SingleStreamStepper.tryCompile(net(DataType.FLOAT, 7, new Bidirectional(lstm.get()),
                softmax(16)))).isEmpty();
        assertThat(SingleStreamStepper.tryCompile(net(DataType.FLOAT, 7, lstm.get(), identityHead))).isEmpty();
        assertThat(SingleStreamStepper.tryCompile(net(DataType.FLOAT, 7, lstm.get(), softmax(8)))).isPresent();
    }

    /** Steps the same symbols through the stepper and through rnnTimeStep and compares every softmax. */
    private static void assertMatchesRnnTimeStep(MultiLayerNetwork net, boolean indexInput) {
        SingleStreamStepper stepper = SingleStreamStepper.tryCompile(net).orElseThrow();
        net.rnnClearPreviousState();
        double worst = 0;
        for (int symbol : SEQUENCE) {
            double[] expected = net.rnnTimeStep(input(symbol, indexInput)).reshape(SYMBOLS).toDoubleVector();
            double[] actual = stepper.step(symbol);
            assertThat(actual).hasSize(expected.length);
            worst = Math.max(worst, maxDifference(expected, actual));
        }
        assertThat(worst).isLessThan(TOLERANCE);
    }

    private static INDArray input(int symbol, boolean indexInput) {
        if (indexInput) {
            return Nd4j.scalar(DataType.FLOAT, symbol).reshape(1, 1, 1);
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, SYMBOLS, 1);
        x.putScalar(new long[] {0, symbol, 0}, 1f);
        return x;
    }

    private static Layer softmax(int nIn) {
        return new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(nIn).nOut(SYMBOLS)
                .build();
    }

    /** A network of {@code layers} with Xavier weights and biases shifted off zero, so bias layouts matter. */
    private static MultiLayerNetwork net(DataType type, long seed, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(seed).dataType(type)
                .weightInit(WeightInit.XAVIER).list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        Random random = new Random(seed);
        INDArray params = net.params();
        for (long i = 0; i < params.length(); i++) {
            params.putScalar(i, params.getDouble(i) + 0.3 * (random.nextDouble() - 0.5));
        }
        return net;
    }

    private static double maxDifference(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
