package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.KernelThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The work arrays of {@link FusedRecurrentLayerImpl} for one (batch, steps) shape, kept between calls:
 * off-heap GEMM operands in the network's data type and heap blocks for the cells.
 */
final class SequenceBuffers {
    DataType type;
    int batch;
    int steps;
    int nIn;
    int hidden;
    boolean recurrentDropoutActive;
    /** The products of the current pass: the float heap path, or the engine on the arrays below. */
    SequenceProducts products;
    /** The kernel pool of the current pass. */
    KernelThreads threads;

    // off-heap, row-major, in the network's data type (GEMM operands)
    INDArray x;          // [T·B, nIn]: the input's rows, when the input is not time-major already
    INDArray zx;         // [T·B, G·H]
    INDArray zrScratch;  // [B, G·H]
    INDArray hOut;       // [(T+1)·B, H], block 0 = initial state; written only without the float path
    INDArray hRec;       // recurrent GEMM input: hOut, or hOut ⊙ dropout mask (without the float path)
    INDArray eps;        // [T·B, H]: the output gradients' rows, when they are not time-major already
    INDArray dzx;        // [T·B, G·H]
    INDArray dzr;        // [T·B, G·H], or dzx when the cell has no separate recurrent part
    INDArray dhScratch;  // [B, H]
    INDArray hRecOwn;

    /** The float heap blocks when the gate math runs in float ({@link FloatSequenceLoops}), else null. */
    FloatSequenceBuffers floats;

    // heap, double (null when the gate math runs in float)
    double[] bias;
    double[] recurrentBias;
    double[] zxStep;
    double[] zrStep;
    double[] h;
    double[] c;
    double[] hStep;
    /**
     * The activations laid out in the output's memory order, [T·B·H]: floats for a FLOAT network (converted as the
     * row ranges lay them out, so that writing them is one copy), else doubles; the other is null.
     */
    double[] output;
    float[] outputFloats;
    double[] cache;
    double[] mask;
    double[] recurrentMask;
    double[] dh;
    double[] dc;
    double[] dcPrev;
    double[] dhNext;
    double[] dhPrevDirect;
    double[] dGatedState;
    double[] dzxStep;
    double[] dzrStep;
    double[] biasGrad;
    double[] recurrentBiasGrad;
    /**
     * dL/dh from above for every step, [T·B, H], read once per backward pass: floats for a FLOAT network (copied
     * as they are, widened where the row ranges read them), else doubles; the other is null.
     */
    double[] epsSteps;
    float[] epsFloats;
    /** Per row range of the backward loop: the bias gradient sums, [parts, G·H] and [parts, H]. */
    double[] biasGradParts;
    double[] recurrentBiasGradParts;

    /**
     * Sizes the buffers for this shape, keeping them when it is unchanged; {@code floatSteps} chooses float heap
     * blocks ({@link #floats}) over the double ones.
     */
    void ensure(DataType dataType, RecurrentCell cell, int batch, int steps, int nIn, int hidden,
                boolean dropRecurrent, boolean floatSteps) {
        boolean same = dataType == type && batch == this.batch && steps == this.steps && nIn == this.nIn
                && hidden == this.hidden && (floats != null) == floatSteps;
        if (!same) {
            allocate(dataType, cell, batch, steps, nIn, hidden, floatSteps);
        }
        if (dropRecurrent && hRecOwn == null) {
            hRecOwn = detached(dataType, (long) (steps + 1) * batch, hidden);
        }
        hRec = dropRecurrent ? hRecOwn : hOut;
    }

    private void allocate(DataType dataType, RecurrentCell cell, int batch, int steps, int nIn, int hidden,
                          boolean floatSteps) {
        type = dataType;
        this.batch = batch;
        this.steps = steps;
        this.nIn = nIn;
        this.hidden = hidden;
        int gh = cell.gates() * hidden;
        long rows = (long) steps * batch;
        x = detached(dataType, rows, nIn);
        zx = detached(dataType, rows, gh);
        zrScratch = detached(dataType, batch, gh);
        hOut = detached(dataType, rows + batch, hidden);
        hRecOwn = null;
        eps = detached(dataType, rows, hidden);
        dzx = detached(dataType, rows, gh);
        dzr = cell.hasSeparateRecurrentPart() ? detached(dataType, rows, gh) : dzx;
        dhScratch = detached(dataType, batch, hidden);
        int bh = batch * hidden;
        boolean floatNetwork = dataType == DataType.FLOAT;
        output = floatNetwork ? null : new double[steps * bh];
        outputFloats = floatNetwork ? new float[steps * bh] : null;
        epsSteps = floatNetwork ? null : new double[steps * bh];
        epsFloats = floatNetwork ? new float[steps * bh] : null;
        biasGrad = new double[gh];
        recurrentBiasGrad = new double[hidden];
        biasGradParts = null;
        recurrentBiasGradParts = null;
        floats = floatSteps ? new FloatSequenceBuffers(cell, batch, steps, hidden) : null;
        allocateDoubleBlocks(cell, batch, steps, hidden, !floatSteps);
    }

    /** The double heap blocks, or nulls when the float ones replace them. */
    private void allocateDoubleBlocks(RecurrentCell cell, int batch, int steps, int hidden, boolean needed) {
        int gh = cell.gates() * hidden;
        int bh = batch * hidden;
        bias = needed ? new double[gh] : null;
        recurrentBias = needed ? new double[hidden] : null;
        zxStep = needed ? new double[batch * gh] : null;
        zrStep = needed ? new double[batch * gh] : null;
        h = needed ? new double[(steps + 1) * bh] : null;
        c = needed && cell.hasCellState() ? new double[(steps + 1) * bh] : null;
        hStep = needed ? new double[bh] : null;
        cache = needed ? new double[steps * bh * cell.cacheWidth()] : null;
        recurrentMask = needed ? new double[bh] : null;
        dh = needed ? new double[bh] : null;
        dc = needed ? new double[bh] : null;
        dcPrev = needed ? new double[bh] : null;
        dhNext = needed ? new double[bh] : null;
        dhPrevDirect = needed ? new double[bh] : null;
        dGatedState = needed && cell.gatesRecurrentInput() ? new double[bh] : null;
        dzxStep = needed ? new double[batch * gh] : null;
        dzrStep = needed ? new double[batch * gh] : null;
    }

    /** Zeroed bias gradient sums for {@code parts} row ranges. */
    void ensureBiasGradientParts(int parts, int gh, int hidden) {
        if (biasGradParts == null || biasGradParts.length != parts * gh) {
            biasGradParts = new double[parts * gh];
            recurrentBiasGradParts = new double[parts * hidden];
            return;
        }
        java.util.Arrays.fill(biasGradParts, 0.0);
        java.util.Arrays.fill(recurrentBiasGradParts, 0.0);
    }

    /** biasGrad and recurrentBiasGrad: the row ranges' sums added in range order (the same bits for the same split). */
    void sumBiasGradientParts(int parts, int gh, int hidden) {
        System.arraycopy(biasGradParts, 0, biasGrad, 0, gh);
        System.arraycopy(recurrentBiasGradParts, 0, recurrentBiasGrad, 0, hidden);
        for (int part = 1; part < parts; part++) {
            for (int k = 0; k < gh; k++) {
                biasGrad[k] += biasGradParts[part * gh + k];
            }
            for (int j = 0; j < hidden; j++) {
                recurrentBiasGrad[j] += recurrentBiasGradParts[part * hidden + j];
            }
        }
    }

    private static INDArray detached(DataType type, long rows, long cols) {
        return Nd4j.createUninitializedDetached(type, rows, cols).assign(0);
    }
}
