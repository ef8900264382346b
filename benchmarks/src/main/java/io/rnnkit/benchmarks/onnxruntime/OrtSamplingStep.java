package io.rnnkit.benchmarks.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.TokenSampler;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.dl4j.Dl4jNetworks;
import io.rnnkit.onnx.OnnxExporter;
import io.rnnkit.onnx.OnnxSteppingModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples T characters with batch 1 through ONNX Runtime, one token per run of the stepping export, feeding each
 * drawn token back as the next one-hot input, exactly as the rnnkit stepper's row does (same network, same
 * {@link TokenSampler}); the state is zeroed at the start of each step. The state tensors come in two sets that
 * swap roles every token (one is read, the other written), so a token's run allocates nothing on our side.
 */
final class OrtSamplingStep implements StepBenchmark {

    private final Workload workload;
    private final long seed;
    private final OnnxRuntimePeer peer;
    private final int[] sampled;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private RowSession session;
    private FloatBuffer input;
    /** The index of the one 1 in {@link #input}. */
    private int hot;
    private FloatBuffer output;
    private float[] probs;
    private List<FloatBuffer> firstStates;
    /** Index 0 reads the first state set and writes the second; index 1 the other way round. */
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
    private final List<Map<String, OnnxTensor>> outputs = new ArrayList<>();
    private TokenSampler sampler;

    OrtSamplingStep(Workload workload, long seed, OnnxRuntimePeer peer) {
        this.workload = workload;
        this.seed = seed;
        this.peer = peer;
        this.sampled = new int[workload.timeSteps()];
    }

    @Override
    public void setUp() throws OrtException {
        OnnxSteppingModel model = OnnxExporter.exportStepping(Dl4jNetworks.rnnkit(workload, seed));
        session = peer.open(model.toByteArray());
        int vocab = workload.vocab();
        input = RowSession.direct(workload.inputSize());
        input.put(hot, 1f);
        output = RowSession.direct(vocab);
        probs = new float[vocab];
        OnnxTensor inputTensor = keep(RowSession.tensor(input, 1, workload.inputSize(), 1));
        OnnxTensor outputTensor = keep(RowSession.tensor(output, 1, vocab, 1));
        List<List<FloatBuffer>> stateSets = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<OnnxTensor>> stateTensors = List.of(new ArrayList<>(), new ArrayList<>());
        for (int set = 0; set < 2; set++) {
            for (OnnxSteppingModel.State state : model.states()) {
                FloatBuffer buffer = RowSession.direct(state.size());
                stateSets.get(set).add(buffer);
                stateTensors.get(set).add(keep(RowSession.tensor(buffer, state.shape(1))));
            }
        }
        firstStates = stateSets.get(0);
        for (int read = 0; read < 2; read++) {
            Map<String, OnnxTensor> in = new HashMap<>(Map.of("input", inputTensor));
            Map<String, OnnxTensor> out = new HashMap<>(Map.of("output", outputTensor));
            for (int s = 0; s < model.states().size(); s++) {
                in.put(model.states().get(s).input(), stateTensors.get(read).get(s));
                out.put(model.states().get(s).output(), stateTensors.get(1 - read).get(s));
            }
            inputs.add(in);
            outputs.add(out);
        }
        sampler = new TokenSampler(seed);
    }

    @Override
    public void step() throws OrtException {
        OrtSession ort = session.session();
        for (FloatBuffer state : firstStates) {
            for (int i = 0; i < state.capacity(); i++) {
                state.put(i, 0f);
            }
        }
        int token = 0;
        for (int t = 0; t < workload.timeSteps(); t++) {
            input.put(hot, 0f);
            input.put(token, 1f);
            hot = token;
            ort.run(inputs.get(t % 2), outputs.get(t % 2)).close();
            output.get(0, probs);
            token = sampler.sample(probs);
            sampled[t] = token;
        }
    }

    /** The tokens drawn by the last step, in order. */
    int[] sampled() {
        return sampled.clone();
    }

    /** The probabilities the last token of the last step was drawn from. */
    float[] lastProbabilities() {
        return probs.clone();
    }

    @Override
    public void tearDown() {
        try {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
            if (session != null) {
                session.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }

    private OnnxTensor keep(OnnxTensor tensor) {
        resources.add(tensor);
        return tensor;
    }
}
