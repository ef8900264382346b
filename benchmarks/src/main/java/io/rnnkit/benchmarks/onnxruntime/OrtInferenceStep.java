package io.rnnkit.benchmarks.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.dl4j.Dl4jNetworks;
import io.rnnkit.onnx.OnnxExporter;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the whole-sequence export over the same [batch, inputSize, T] mini-batch the rnnkit peer's
 * {@code output} call gets, written into a pinned output tensor.
 */
final class OrtInferenceStep implements StepBenchmark {

    private final Workload workload;
    private final long seed;
    private final OnnxRuntimePeer peer;
    private RowSession session;
    private OnnxTensor input;
    private OnnxTensor output;
    private Map<String, OnnxTensor> inputs;
    private Map<String, OnnxTensor> outputs;
    private FloatBuffer outputBuffer;

    OrtInferenceStep(Workload workload, long seed, OnnxRuntimePeer peer) {
        this.workload = workload;
        this.seed = seed;
        this.peer = peer;
    }

    @Override
    public void setUp() throws OrtException {
        session = peer.open(OnnxExporter.export(Dl4jNetworks.rnnkit(workload, seed)).toByteArray());
        INDArray features = Dl4jNetworks.features(workload, new Random(seed));
        FloatBuffer inputBuffer = RowSession.direct((int) features.length());
        inputBuffer.put(0, features.dup('c').data().asFloat());
        input = RowSession.tensor(inputBuffer, features.shape());
        outputBuffer = RowSession.direct(workload.batch() * workload.vocab() * workload.timeSteps());
        output = RowSession.tensor(outputBuffer, workload.batch(), workload.vocab(), workload.timeSteps());
        inputs = Map.of("input", input);
        outputs = Map.of("output", output);
    }

    @Override
    public void step() throws OrtException {
        session.session().run(inputs, outputs).close();
    }

    /** The output of the last step, [batch, vocab, T] in C order. */
    float[] output() {
        float[] values = new float[outputBuffer.capacity()];
        outputBuffer.get(0, values);
        return values;
    }

    @Override
    public void tearDown() {
        try {
            if (input != null) {
                input.close();
            }
            if (output != null) {
                output.close();
            }
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
