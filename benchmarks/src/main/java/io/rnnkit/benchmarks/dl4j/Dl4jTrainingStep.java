package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One {@code MultiLayerNetwork.fit(features, labels)} call on a fixed synthetic mini-batch. */
final class Dl4jTrainingStep implements StepBenchmark {

    private final Workload workload;
    private final Supplier<MultiLayerNetwork> networkBuilder;
    private final long seed;
    private MultiLayerNetwork net;
    private INDArray features;
    private INDArray labels;

    /** {@code networkBuilder} returns the network to train, or null if the peer lacks the cell. */
    Dl4jTrainingStep(Workload workload, Supplier<MultiLayerNetwork> networkBuilder, long seed) {
        this.workload = workload;
        this.networkBuilder = networkBuilder;
        this.seed = seed;
    }

    @Override
    public void setUp() {
        net = networkBuilder.get();
        if (net == null) {
            throw new IllegalStateException("no " + workload.cell().label() + " layer for this peer");
        }
        Random random = new Random(seed);
        features = Dl4jNetworks.features(workload, random);
        labels = Dl4jNetworks.labels(workload, random);
    }

    @Override
    public void step() {
        net.fit(features, labels);
    }

    @Override
    public void tearDown() {
        net = null;
        if (features != null) {
            features.close();
        }
        if (labels != null) {
            labels.close();
        }
    }
}
