package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Tiny networks, data and gradient checks shared by the layer tests. */
final class RecurrentTestNets {

    static final int CLASSES = 3;

    private RecurrentTestNets() {
    }

    /** Double precision, NoOp updater, N(0, 0.5) weights: the gradient-check setting. */
    static MultiLayerNetwork doubleNet(int tbpttLength, int lastNOut, Layer... recurrent) {
        return doubleNet(new NoOp(), tbpttLength, lastNOut, recurrent);
    }

    /** As {@link #doubleNet(int, int, Layer...)} with another updater (e.g. {@code Sgd(0)} to keep parameters fixed in fit). */
    static MultiLayerNetwork doubleNet(IUpdater updater, int tbpttLength, int lastNOut, Layer... recurrent) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(42)
                .updater(updater)
                .weightInit(new NormalDistribution(0, 0.5))
                .list();
        for (Layer layer : recurrent) {
            list.layer(layer);
        }
        list.layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(lastNOut).nOut(CLASSES).build());
        if (tbpttLength > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbpttLength)
                    .tBPTTBackwardLength(tbpttLength);
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // non-zero biases, so that bias gradients and bias layouts are exercised
        net.params().addi(Nd4j.rand(DataType.DOUBLE, net.params().shape()).subi(0.5).muli(0.2));
        return net;
    }

    /**
     * The network converted to FLOAT. On ND4J's CPU backend a FLOAT fused layer runs its GEMMs on the
     * float heap path ({@link FloatHeapPath}, {@link io.rnnkit.models.kernels.VectorGemm}) instead of the double one.
     */
    static MultiLayerNetwork floatCopy(MultiLayerNetwork net) {
        MultiLayerNetwork copy = net.convertDataType(DataType.FLOAT);
        assertThat(copy.params().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(MatrixEngine.forCurrentBackend()).as("the float path needs the native CPU backend")
                .isInstanceOf(CblasMatrixEngine.class);
        return copy;
    }

    /** Rounds every parameter to the nearest float, so a double reference and a float copy hold equal weights. */
    static void roundParamsToFloat(MultiLayerNetwork net) {
        net.setParams(roundedToFloat(net.params()));
    }

    /** The array rounded to float precision, still in its own data type. */
    static INDArray roundedToFloat(INDArray a) {
        return a.castTo(DataType.FLOAT).castTo(a.dataType());
    }

    static INDArray input(int batch, int features, int steps, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, batch, features, steps);
    }

    static INDArray oneHotLabels(int batch, int steps, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, CLASSES, steps);
        java.util.Random random = new java.util.Random(seed);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(b, random.nextInt(CLASSES), t, 1.0);
            }
        }
        return labels;
    }

    /** Mask [batch, time] with sequence b of length steps - b (trailing padding). */
    static INDArray trailingMask(int batch, int steps) {
        INDArray mask = Nd4j.ones(DataType.DOUBLE, batch, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = steps - b; t < steps; t++) {
                mask.putScalar(b, t, 0.0);
            }
        }
        return mask;
    }

    static boolean gradientsOk(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        return GradientCheckUtil.checkGradients(gradientCheck(net, x, y, mask));
    }

    /** The gradient-check settings of {@link #gradientsOk}, for callers that add options (e.g. {@code callEachIter}). */
    static GradientCheckUtil.MLNConfig gradientCheck(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        return new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .inputMask(mask).labelMask(mask).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY);
    }
}
