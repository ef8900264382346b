package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.TokenSampler;
import io.rnnkit.benchmarks.Workload;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples T characters one at a time through {@code rnnTimeStep} with batch 1, feeding each drawn
 * token back as the next one-hot input; state is cleared at the start of each step.
 */
final class Dl4jSamplingStep implements StepBenchmark {

    private final Workload workload;
    private final RecurrentLayerFactory factory;
    private final long seed;
    private MultiLayerNetwork net;
    private INDArray input;
    private TokenSampler sampler;

    Dl4jSamplingStep(Workload workload, RecurrentLayerFactory factory, long seed) {
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
        input = Nd4j.zeros(DataType.FLOAT, 1, workload.inputSize());
        sampler = new TokenSampler(seed);
    }

    @Override
    public void step() {
        net.rnnClearPreviousState();
        int token = 0;
        for (int t = 0; t < workload.timeSteps(); t++) {
            input.assign(0);
            input.putScalar(0, token, 1f);
            INDArray probs = net.rnnTimeStep(input);
            token = sampler.sample(probs.toFloatVector());
        }
    }

    @Override
    public void tearDown() {
        net = null;
        if (input != null) {
            input.close();
        }
    }
}
