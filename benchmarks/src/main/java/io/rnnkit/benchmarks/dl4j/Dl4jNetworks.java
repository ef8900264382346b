package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.Workload;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Builds the benchmark network and its synthetic data for the DL4J-based peers; other peers that run rnnkit's own
 * network elsewhere (ONNX Runtime) take it from {@link #rnnkit}.
 */
public final class Dl4jNetworks {

    /** Plain SGD: the cheapest updater, so the step time is the layers' own. */
    static final double LEARNING_RATE = 0.1;

    private Dl4jNetworks() {
    }

    /** The rnnkit network of {@code workload}, exactly as the "rnnkit" and "rnnkit stepper" peers build it. */
    public static MultiLayerNetwork rnnkit(Workload workload, long seed) {
        return build(workload, new RnnkitLayerFactory(), seed);
    }

    /** layers × recurrent layer → the factory's softmax cross-entropy output, float, SGD; null if the factory lacks the cell. */
    static MultiLayerNetwork build(Workload workload, RecurrentLayerFactory factory, long seed) {
        NeuralNetConfiguration.ListBuilder list = listBuilder(seed);
        for (int layer = 0; layer < workload.layers(); layer++) {
            int nIn = layer == 0 ? workload.inputSize() : workload.hidden();
            Layer recurrent = (layer == 0 ? factory.createFirst(workload.cell(), nIn, workload.hidden())
                    : factory.create(workload.cell(), nIn, workload.hidden())).orElse(null);
            if (recurrent == null) {
                return null;
            }
            list.layer(recurrent);
        }
        list.layer(factory.outputLayer(workload.hidden(), workload.vocab()));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * The output layer alone, fed the [batch, H, T] features directly (needs inputSize == hidden):
     * what the softmax layer costs by itself inside a full step.
     */
    static MultiLayerNetwork buildOutputLayerOnly(Workload workload, long seed) {
        if (workload.inputSize() != workload.hidden()) {
            throw new IllegalArgumentException("output-layer-only network needs inputSize == hidden, got "
                    + workload.inputSize() + " and " + workload.hidden());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(listBuilder(seed)
                .layer(new StockLayerFactory().outputLayer(workload.hidden(), workload.vocab()))
                .setInputType(InputType.recurrent(workload.hidden()))
                .build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.ListBuilder listBuilder(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .list();
    }

    /** Features [batch, inputSize, T]: one-hot tokens when inputSize equals the vocabulary, else uniform(-1, 1). */
    public static INDArray features(Workload workload, Random random) {
        int b = workload.batch();
        int in = workload.inputSize();
        int t = workload.timeSteps();
        if (in == workload.vocab()) {
            return oneHot(b, in, t, random);
        }
        float[] data = new float[b * in * t];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2f - 1f;
        }
        return Nd4j.create(data, new long[] {b, in, t}, 'c');
    }

    /** One-hot labels [batch, vocab, T] with uniformly random classes. */
    static INDArray labels(Workload workload, Random random) {
        return oneHot(workload.batch(), workload.vocab(), workload.timeSteps(), random);
    }

    private static INDArray oneHot(int b, int classes, int t, Random random) {
        float[] data = new float[b * classes * t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                data[(i * classes + random.nextInt(classes)) * t + s] = 1f;
            }
        }
        return Nd4j.create(data, new long[] {b, classes, t}, 'c');
    }
}
