package io.rnnkit.models.layers;

import java.lang.management.ManagementFactory;
import com.sun.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a unit test: times training steps of the PTB-small shape (2×200 LSTM, T=35, batch 20, float)
 * with rnnkit's {@link Lstm} and DL4J's stock {@code LSTM} in one process, after warm-up, as the
 * median of several steps; once with a 10k-way softmax output and once with only an MSE loss on
 * the LSTM output. Run with OMP_NUM_THREADS=1 and {@code --add-modules jdk.incubator.vector}.
 * Optional argument: the number of timed steps (default 9).
 */
public final class LstmSpeedCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LstmSpeedCheck.class);
    private static final int HIDDEN = 200;
    private static final int STEPS = 35;
    private static final int BATCH = 20;
    private static final int VOCAB = 10_000;

    private LstmSpeedCheck() {
    }

    public static void main(String[] args) {
        int timed = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, HIDDEN, STEPS);
        INDArray classes = Nd4j.zeros(DataType.FLOAT, BATCH, VOCAB, STEPS);
        java.util.Random random = new java.util.Random(2);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                classes.putScalar(b, random.nextInt(VOCAB), t, 1.0);
            }
        }
        INDArray regression = Nd4j.randn(DataType.FLOAT, BATCH, HIDDEN, STEPS);

        Supplier<Layer> ours = () -> new Lstm.Builder().nIn(HIDDEN).nOut(HIDDEN).build();
        Supplier<Layer> stock = () -> new LSTM.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.TANH).build();

        double oursLstmOnly = medianStepMillis(net(ours, false), x, regression, timed);
        double stockLstmOnly = medianStepMillis(net(stock, false), x, regression, timed);
        LOG.info("2x200 LSTM only (MSE on its output), T=35 B=20 float, CPU ms per step: rnnkit {} ms, stock DL4J {} ms, {}x",
                fmt(oursLstmOnly), fmt(stockLstmOnly), fmt(stockLstmOnly / oursLstmOnly));
        double oursSoftmax = medianStepMillis(net(ours, true), x, classes, timed);
        double stockSoftmax = medianStepMillis(net(stock, true), x, classes, timed);
        LOG.info("2x200 LSTM + 10k softmax, T=35 B=20 float, CPU ms per step: rnnkit {} ms, stock DL4J {} ms, {}x",
                fmt(oursSoftmax), fmt(stockSoftmax), fmt(stockSoftmax / oursSoftmax));
    }

    private static MultiLayerNetwork net(Supplier<Layer> lstm, boolean softmax) {
        Layer head = softmax
                ? new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(HIDDEN).nOut(VOCAB).build()
                : new RnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY)
                        .dataFormat(RNNFormat.NCW).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(3).updater(new Sgd(0.1)).list()
                .layer(lstm.get())
                .layer(lstm.get())
                .layer(head)
                .build());
        net.init();
        return net;
    }

    /**
     * Median over the timed steps of this process's CPU time per training step (all threads), which
     * other processes on a shared machine disturb far less than wall time; the median wall time is
     * logged too.
     */
    private static double medianStepMillis(MultiLayerNetwork net, INDArray x, INDArray y, int timed) {
        // long enough for C2 to compile the Vector API loops
        for (int i = 0; i < 20; i++) {
            net.fit(x, y);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[timed];
        double[] wall = new double[timed];
        for (int i = 0; i < timed; i++) {
            long startCpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            net.fit(x, y);
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - startCpu) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        LOG.info("  {}: median CPU {} ms, median wall {} ms", net.getLayer(0).getClass().getSimpleName(),
                fmt(cpu[timed / 2]), fmt(wall[timed / 2]));
        return cpu[timed / 2];
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }
}
