package io.rnnkit.apps;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The waves reference task: tell noisy sine sequences from noisy square ones with a small RNN. */
final class WavesTask {

    static final int DEFAULT_EPOCHS = 10;
    private static final int LENGTH = 96;
    private static final int DIMS = 16;
    private static final int PER_CLASS = 1000;
    private static final int BATCH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(WavesTask.class);

    private final int epochs;
    private final long seed;

    WavesTask(int epochs, long seed) {
        this.epochs = epochs;
        this.seed = seed;
    }

    /** Trains the reference network and returns its test accuracy. */
    double run() {
        DataSet all = generate(new Random(seed));
        all.shuffle(seed);
        org.nd4j.linalg.dataset.SplitTestAndTrain split = all.splitTestAndTrain(0.7);
        MultiLayerNetwork net = new MultiLayerNetwork(network());
        net.init();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            DataSetIterator batches = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                    split.getTrain().asList(), BATCH);
            net.fit(batches);
            LOG.info("epoch {}/{} loss {}", epoch, epochs, String.format("%.4f", net.score()));
        }
        Evaluation evaluation = net.evaluate(new SingletonDataSetIterator(split.getTest()));
        return evaluation.accuracy();
    }

    private MultiLayerConfiguration network() {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.005))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LastTimeStep(new SimpleRnn.Builder().nIn(DIMS).nOut(12).activation(Activation.RELU).build()))
                .layer(new DenseLayer.Builder().nIn(12).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(6).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
    }

    private static DataSet generate(Random random) {
        int n = 2 * PER_CLASS;
        INDArray features = Nd4j.create(DataType.FLOAT, n, DIMS, LENGTH);
        INDArray labels = Nd4j.create(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            boolean square = i >= PER_CLASS;
            for (int t = 0; t < LENGTH; t++) {
                double x = 10.0 * t / LENGTH;
                double clean = square ? (Math.sin(x) >= 0 ? 1.0 : -1.0) : Math.sin(x);
                for (int d = 0; d < DIMS; d++) {
                    features.putScalar(new long[] {i, d, t}, clean + random.nextGaussian());
                }
            }
            labels.putScalar(i, square ? 1 : 0, 1.0);
        }
        return new DataSet(features, labels);
    }
}
