package io.rnnkit.models.layers;

import java.util.Arrays;

/**
 * The raw values of one weight matrix as {@link FloatHeapPath} last read them, and whether a new read changed them:
 * comparing is a fast vectorised scan, while re-packing costs strided writes over whole layouts, so per-token {@code
 * rnnTimeStep} calls, whose weights do not change, skip it. A changed read swaps buffers instead of copying.
 */
final class SeenWeights {

    private float[] seen;
    private float[] incoming;

    /** All zeros at first, as the zero-filled packed copies they stand for. */
    SeenWeights(int length) {
        seen = new float[length];
        incoming = new float[length];
    }

    /** Reads the weights; returns whether they differ from the last read, whose values {@link #values} then drops. */
    boolean read(CblasMatrixEngine engine, MatrixBlock weights) {
        engine.readFloats(weights, incoming);
        if (Arrays.equals(incoming, seen)) {
            return false;
        }
        float[] previous = seen;
        seen = incoming;
        incoming = previous;
        return true;
    }

    /** The values of the last read. */
    float[] values() {
        return seen;
    }
}
