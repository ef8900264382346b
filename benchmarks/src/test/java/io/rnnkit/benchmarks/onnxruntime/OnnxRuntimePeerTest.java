package io.rnnkit.benchmarks.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.benchmarks.CellType;
import io.rnnkit.benchmarks.TokenSampler;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.WorkloadKind;
import io.rnnkit.benchmarks.dl4j.Dl4jNetworks;
import io.rnnkit.models.layers.SingleStreamStepper;
import java.util.Random;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ONNX Runtime peer runs rnnkit's own benchmark network: same sampled tokens, same forward-pass output. */
class OnnxRuntimePeerTest {

    private static final long SEED = 7;
    private static final int VOCAB = 11;
    private static final int TOKENS = 12;

    @ParameterizedTest
    @EnumSource(CellType.class)
    void samplesTheSameTokensAsTheRnnkitStepper(CellType cell) throws Exception {
        Workload workload = new Workload("D", WorkloadKind.SAMPLING, cell, 1, 8, VOCAB, TOKENS, 1, VOCAB);
        OnnxRuntimePeer peer = new OnnxRuntimePeer();
        peer.useThreads(1);
        OrtSamplingStep step = (OrtSamplingStep) peer.create(workload, SEED).orElseThrow();
        // What the "rnnkit stepper" row does, step by step: reset, then each drawn token fed back.
        SingleStreamStepper stepper = SingleStreamStepper.tryCompile(Dl4jNetworks.rnnkit(workload, SEED))
                .orElseThrow();
        TokenSampler sampler = new TokenSampler(SEED);
        try {
            step.setUp();
            for (int chunk = 0; chunk < 2; chunk++) {
                step.step();
                stepper.reset();
                int[] expected = new int[TOKENS];
                double[] probabilities = null;
                int token = 0;
                for (int t = 0; t < TOKENS; t++) {
                    probabilities = stepper.step(token);
                    token = sampler.sample(probabilities);
                    expected[t] = token;
                }
                assertThat(step.sampled()).as("chunk %d", chunk).containsExactly(expected);
                // The last token's probabilities depend on the state carried through all the runs before it.
                float[] actual = step.lastProbabilities();
                for (int i = 0; i < VOCAB; i++) {
                    assertThat((double) actual[i]).as("chunk %d, p[%d]", chunk, i)
                            .isCloseTo(probabilities[i], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
            assertThat(IntStream.of(step.sampled()).distinct().count()).as("the draws vary").isGreaterThan(1);
        } finally {
            step.tearDown();
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void forwardPassGivesTheNetworksOutput(CellType cell) throws Exception {
        Workload workload = new Workload("E", WorkloadKind.INFERENCE, cell, 1, 8, VOCAB, 5, 3, VOCAB);
        OnnxRuntimePeer peer = new OnnxRuntimePeer();
        peer.useThreads(1);
        OrtInferenceStep step = (OrtInferenceStep) peer.create(workload, SEED).orElseThrow();
        MultiLayerNetwork net = Dl4jNetworks.rnnkit(workload, SEED);
        INDArray expected = net.output(Dl4jNetworks.features(workload, new Random(SEED)));
        try {
            step.setUp();
            step.step();
            INDArray actual = Nd4j.create(step.output(), expected.shape(), 'c');
            double difference = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(Math.abs(difference)).isLessThan(1e-5);
            assertThat(expected.sumNumber().doubleValue()).as("softmax rows").isCloseTo(3 * 5,
                    org.assertj.core.data.Offset.offset(1e-3));
        } finally {
            step.tearDown();
        }
    }

    @Test
    void coversSamplingAndInferenceButNotTraining() {
        OnnxRuntimePeer peer = new OnnxRuntimePeer();
        assertThat(peer.covers(WorkloadKind.SAMPLING)).isTrue();
        assertThat(peer.covers(WorkloadKind.INFERENCE)).isTrue();
        assertThat(peer.covers(WorkloadKind.TRAINING)).isFalse();
        assertThat(peer.create(new Workload("C", WorkloadKind.TRAINING, CellType.GRU, 1, 8, VOCAB, 5, 2, VOCAB), SEED))
                .isEmpty();
        assertThat(peer.diagnostic()).isFalse();
    }

    @Test
    void aRowsSessionKeepsTheThreadCountItWasBuiltWith() throws Exception {
        Workload workload = new Workload("D", WorkloadKind.SAMPLING, CellType.GRU, 1, 8, VOCAB, 3, 1, VOCAB);
        OnnxRuntimePeer peer = new OnnxRuntimePeer();
        assertThat(peer.useThreads(2)).isEqualTo("ONNX Runtime intra-op 2, inter-op 1, sequential");
        OrtSamplingStep step = (OrtSamplingStep) peer.create(workload, SEED).orElseThrow();
        try {
            step.setUp();
            step.step();
            peer.useThreads(1);
            assertThatThrownBy(step::step).isInstanceOf(IllegalStateException.class)
                    .hasMessage("this ONNX Runtime session has 2 intra-op threads but the row asks for 1");
        } finally {
            step.tearDown();
        }
    }
}
