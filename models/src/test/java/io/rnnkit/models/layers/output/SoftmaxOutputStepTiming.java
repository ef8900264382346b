package io.rnnkit.models.layers.output;

import io.rnnkit.models.layers.Lstm;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: times one PTB-sized training step (2×Lstm 200, T 35, B 20, 10k classes, fp32) with
 * {@link SoftmaxCrossEntropyOutput} and index labels against DL4J's RnnOutputLayer with one-hot labels,
 * in one process. Arguments (optional): steps to time, then warm-up steps; {@code -Dvocab=N} changes the
 * class count (vocab=2 leaves just the two LSTMs).
 */
public final class SoftmaxOutputStepTiming {

    private static final Logger log = LoggerFactory.getLogger(SoftmaxOutputStepTiming.class);
    private static final int BATCH = 20;
    private static final int STEPS = 35;
    private static final int HIDDEN = 200;
    private static final int VOCAB = Integer.getInteger("vocab", 10_000);

    private SoftmaxOutputStepTiming() {
    }

    public static void main(String[] args) {
        int timed = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int[][] targets = targets();
        DataSet indexData = new DataSet(Nd4j.rand(DataType.FLOAT, BATCH, HIDDEN, STEPS), indexLabels(targets));
        DataSet oneHotData = new DataSet(indexData.getFeatures(), oneHotLabels(targets));
        MultiLayerNetwork fused = net(new SoftmaxCrossEntropyOutput.Builder().nIn(HIDDEN).nOut(VOCAB).build());
        MultiLayerNetwork stock = net(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(HIDDEN).nOut(VOCAB).build());
        stock.setParams(fused.params());
        double fusedMs = medianStepMs(fused, indexData, timed, warmUp);
        double stockMs = medianStepMs(stock, oneHotData, timed, warmUp);
        log.info("training step, median of {}: SoftmaxCrossEntropyOutput + index labels {} ms; "
                + "RnnOutputLayer + one-hot labels {} ms", timed, String.format("%.1f", fusedMs),
                String.format("%.1f", stockMs));
    }

    private static MultiLayerNetwork net(Layer output) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(1).updater(new Sgd(1.0))
                .list()
                .layer(new Lstm.Builder().nIn(HIDDEN).nOut(HIDDEN).build())
                .layer(new Lstm.Builder().nIn(HIDDEN).nOut(HIDDEN).build())
                .layer(output)
                .build());
        net.init();
        return net;
    }

    private static double medianStepMs(MultiLayerNetwork net, DataSet data, int timed, int warmUp) {
        for (int i = 0; i < warmUp; i++) {
            net.fit(data);
        }
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            net.fit(data);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        log.info("{}: step times {} ms", net.getLayer(2).getClass().getSimpleName(), Arrays.toString(ms));
        return ms[timed / 2];
    }

    private static int[][] targets() {
        Random random = new Random(1);
        int[][] targets = new int[BATCH][STEPS];
        for (int[] row : targets) {
            Arrays.setAll(row, t -> random.nextInt(VOCAB));
        }
        return targets;
    }

    private static org.nd4j.linalg.api.ndarray.INDArray indexLabels(int[][] targets) {
        float[] values = new float[BATCH * STEPS];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                values[b * STEPS + t] = targets[b][t];
            }
        }
        return Nd4j.create(values, new long[] {BATCH, 1, STEPS}, 'c');
    }

    private static org.nd4j.linalg.api.ndarray.INDArray oneHotLabels(int[][] targets) {
        float[] values = new float[BATCH * VOCAB * STEPS];
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                values[(b * VOCAB + targets[b][t]) * STEPS + t] = 1f;
            }
        }
        return Nd4j.create(values, new long[] {BATCH, VOCAB, STEPS}, 'c');
    }
}
