package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One {@code MultiLayerNetwork.output(features)} call, a forward pass without training, on a fixed mini-batch. */
final class Dl4jInferenceStep implements StepBenchmark {

    private final Workload workload;
    private final RecurrentLayerFactory factory;
    private final long seed;
    private MultiLayerNetwork net;
    private INDArray features;

    Dl4jInferenceStep(Workload workload, RecurrentLayerFactory factory, long seed) {
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
        features = Dl4jNetworks.features(workload, new Random(seed));
    }

    @Override
    public void step() {
        net.output(features);
    }

    @Override
    public void tearDown() {
        net = null;
        if (features != null) {
            features.close();
        }
    }
}
