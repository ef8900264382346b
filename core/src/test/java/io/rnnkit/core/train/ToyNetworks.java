package io.rnnkit.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny networks and data the trainer tests share: an LSTM that learns to echo the previous symbol. */
public final class ToyNetworks {

    public static final int SYMBOLS = 4;
    public static final int LENGTH = 8;

    private ToyNetworks() {
    }

    public static MultiLayerNetwork echoLstm(TrainingConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(config.updater())
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LSTM.Builder().nIn(SYMBOLS).nOut(16).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(SYMBOLS).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * An output layer that passes its input through unchanged (identity weights, zero bias, identity
     * activation), so that metric tests choose the predictions exactly: per step [N, width, T], or
     * per example [N, width] when {@code perStep} is false.
     */
    public static MultiLayerNetwork identity(int width, boolean perStep) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list();
        layers.layer(perStep
                ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(width)
                        .activation(Activation.IDENTITY).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(width)
                        .activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        net.setParam("0_W", Nd4j.eye(width).castTo(DataType.DOUBLE));
        net.setParam("0_b", Nd4j.zeros(DataType.DOUBLE, 1, width));
        return net;
    }

    /** Sequences of random symbols whose label at step t is the symbol at step t-1 (0 at t=0). */
    public static List<DataSet> echoData(int batches, int batchSize, long seed) {
        Random random = new Random(seed);
        List<DataSet> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray features = Nd4j.zeros(DataType.FLOAT, batchSize, SYMBOLS, LENGTH);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, SYMBOLS, LENGTH);
            for (int i = 0; i < batchSize; i++) {
                int previous = 0;
                for (int t = 0; t < LENGTH; t++) {
                    int symbol = random.nextInt(SYMBOLS);
                    features.putScalar(new long[] {i, symbol, t}, 1.0);
                    labels.putScalar(new long[] {i, previous, t}, 1.0);
                    previous = symbol;
                }
            }
            list.add(new DataSet(features, labels));
        }
        return list;
    }

    /**
     * The loss, in nats per sequence as {@code score} reports it, of a model that ignores its inputs and
     * predicts every step's label from the label frequencies of {@code training}: the loss any
     * network that uses its input must beat (about 10.9 on echo data, against 8·ln 4 = 11.1 for a
     * uniform guess, since step 0's label is always 0).
     */
    public static double unigramLoss(List<DataSet> training, DataSet heldOut) {
        double[] counts = new double[(int) heldOut.getLabels().size(1)];
        double total = 0;
        for (DataSet batch : training) {
            double[] perClass = batch.getLabels().castTo(DataType.DOUBLE).sum(0, 2).toDoubleVector();
            for (int c = 0; c < counts.length; c++) {
                counts[c] += perClass[c];
                total += perClass[c];
            }
        }
        double[] heldOutCounts = heldOut.getLabels().castTo(DataType.DOUBLE).sum(0, 2).toDoubleVector();
        double nll = 0;
        for (int c = 0; c < counts.length; c++) {
            nll -= heldOutCounts[c] * Math.log(counts[c] / total);
        }
        return nll / heldOut.getLabels().size(0);
    }

    public static MultiDataSetIterator iterator(List<DataSet> data) {
        return new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(data, 1));
    }
}
