package io.rnnkit.models.layers;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between DL4J's arrays and a fused layer's heap blocks ({@link SequenceBuffers}, in float when the gate math
 * runs in float, else in double): the biases, the initial and final states, and the recurrent dropout mask.
 */
final class HeapStates {

    private HeapStates() {
    }

    /** Reads the bias, and the recurrent bias unless it is null, into the blocks the gate math reads. */
    static void readBiases(SequenceBuffers b, MatrixEngine engine, INDArray bias, INDArray recurrentBias) {
        if (b.floats != null) {
            engine.readFloats(MatrixBlock.of(bias), b.floats.bias);
            if (recurrentBias != null) {
                engine.readFloats(MatrixBlock.of(recurrentBias), b.floats.recurrentBias);
            }
            return;
        }
        engine.read(MatrixBlock.of(bias), b.bias);
        if (recurrentBias != null) {
            engine.read(MatrixBlock.of(recurrentBias), b.recurrentBias);
        }
    }

    /**
     * Reads the initial h (and, with {@code cellState}, c) into block 0 of the heap states; null means zeros.
     *
     * @throws IllegalStateException naming {@code layerName} when a stored state is not [batch, H]
     */
    static void readInitialStates(SequenceBuffers b, INDArray h0, INDArray c0, boolean cellState, String layerName) {
        FloatSequenceBuffers f = b.floats;
        readInitialState(b, h0, f != null ? f.h : null, f != null ? null : b.h, layerName);
        if (cellState) {
            readInitialState(b, c0, f != null ? f.c : null, f != null ? null : b.c, layerName);
        }
    }

    /** One state into the float block or the double one (the other is null). */
    private static void readInitialState(SequenceBuffers b, INDArray state, float[] floats, double[] doubles,
                                         String layerName) {
        int n = b.batch * b.hidden;
        if (state != null && (state.size(0) != b.batch || state.size(1) != b.hidden)) {
            throw new IllegalStateException(layerName + ": stored state has shape " + Arrays.toString(state.shape())
                    + " but this input needs [" + b.batch + ", " + b.hidden + "]; call rnnClearPreviousState()");
        }
        if (floats != null) {
            if (state == null) {
                Arrays.fill(floats, 0, n, 0.0f);
            } else {
                System.arraycopy(state.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0, floats, 0, n);
            }
            return;
        }
        if (state == null) {
            Arrays.fill(doubles, 0, n, 0.0);
        } else {
            System.arraycopy(state.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0, doubles, 0, n);
        }
    }

    /**
     * The last forward pass's final h and c (null without {@code cellState}) as detached [batch, H] arrays of the
     * network's type, for the state maps and the stateful carry.
     */
    static INDArray[] finalStates(SequenceBuffers b, boolean cellState, DataType type) {
        int bh = b.batch * b.hidden;
        int from = b.steps * bh;
        long[] shape = {b.batch, b.hidden};
        FloatSequenceBuffers f = b.floats;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (f != null) {
                return new INDArray[] {
                    Nd4j.create(Arrays.copyOfRange(f.h, from, from + bh), shape, 'c'),
                    cellState ? Nd4j.create(Arrays.copyOfRange(f.c, from, from + bh), shape, 'c') : null};
            }
            return new INDArray[] {
                Nd4j.create(Arrays.copyOfRange(b.h, from, from + bh), shape, 'c').castTo(type),
                cellState ? Nd4j.create(Arrays.copyOfRange(b.c, from, from + bh), shape, 'c').castTo(type) : null};
        }
    }

    /** Draws a recurrent dropout mask [batch, H]: 1/keep with probability keep, else 0, from {@code seed}. */
    static void sampleRecurrentMask(SequenceBuffers b, double keep, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double scale = 1.0 / keep;
        int n = b.batch * b.hidden;
        for (int i = 0; i < n; i++) {
            double value = random.nextDouble() < keep ? scale : 0.0;
            if (b.floats != null) {
                b.floats.recurrentMask[i] = (float) value;
            } else {
                b.recurrentMask[i] = value;
            }
        }
    }
}
