package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One {@code MultiLayerNetwork.fit(features, labels)} call on a fixed synthetic mini-batch. */
final class Dl4jTrainingStep implements StepBenchmark {

    private final Workload workload;
    private final RecurrentLayerFactory factory;
    private final long seed;
    private MultiLayerNetwork net;
    private INDArray features;
    private INDArray labels;

    Dl4jTrainingStep(Workload workload, RecurrentLayerFactory factory, long seed) {
        this.workload = workload;
        this.factory = factory;
        this.seed = seed;
    }

    @Override
    public void setUp() {
        net = Dl4jNetworks.build(workload, factory, seed);
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
