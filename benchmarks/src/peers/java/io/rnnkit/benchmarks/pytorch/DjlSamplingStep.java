package io.rnnkit.benchmarks.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.TokenSampler;
import io.rnnkit.benchmarks.Workload;

/**
 * Batch-1 sampling of T characters with PyTorch through DJL: each token is one recurrent step with
 * the previous state passed in, then linear → softmax, drawn on the Java side like the DL4J peers.
 */
final class DjlSamplingStep implements StepBenchmark {

    private final Workload workload;
    private final long seed;
    private NDManager manager;
    private RecurrentBlock recurrent;
    private Linear output;
    private ParameterStore parameters;
    private TokenSampler sampler;
    private float[] oneHot;

    DjlSamplingStep(Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
    }

    @Override
    public void setUp() {
        manager = NDManager.newBaseManager("PyTorch");
        recurrent = DjlBlocks.recurrent(workload, true);
        output = Linear.builder().setUnits(workload.vocab()).build();
        recurrent.initialize(manager, DataType.FLOAT32, new Shape(1, 1, workload.inputSize()));
        output.initialize(manager, DataType.FLOAT32, new Shape(1, 1, workload.hidden()));
        parameters = new ParameterStore(manager, false);
        sampler = new TokenSampler(seed);
        oneHot = new float[workload.inputSize()];
    }

    @Override
    public void step() {
        try (NDManager stepManager = manager.newSubManager()) {
            NDList state = null;
            int token = 0;
            for (int t = 0; t < workload.timeSteps(); t++) {
                try (NDManager tokenManager = stepManager.newSubManager()) {
                    oneHot[token] = 1f;
                    NDArray x = tokenManager.create(oneHot, new Shape(1, 1, workload.inputSize()));
                    oneHot[token] = 0f;
                    NDList inputs = new NDList(x);
                    if (state != null) {
                        inputs.addAll(state);
                    }
                    NDList out = recurrent.forward(parameters, inputs, false);
                    NDArray logits = output.forward(parameters, new NDList(out.get(0)), false).head();
                    float[] probs = logits.softmax(-1).toFloatArray();
                    NDList next = out.subNDList(1);
                    next.attach(stepManager);
                    if (state != null) {
                        state.close();
                    }
                    state = next;
                    token = sampler.sample(probs);
                }
            }
        }
    }

    @Override
    public void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }
}
