package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.PackedMatVec;
import io.rnnkit.models.kernels.VectorGemm;
import java.util.Arrays;

/**
 * One rnnkit fused recurrent layer run a single time step for a single sequence: x·W and h·RW as
 * heap mat-vec products, then the layer's own {@link RecurrentCell} math, so the numbers are the
 * layer's (to float rounding of the products). Holds a copy of the weights taken when it is made.
 */
final class FusedLayerStepper {

    private final RecurrentCell cell;
    private final int inputs;
    private final int hidden;
    private final int gateWidth;
    private final int stride;
    /** W row-major, rows padded: row s is the product with the one-hot input of symbol s. */
    private final float[] inputWeights;
    private final PackedMatVec inputProduct;
    private final PackedMatVec recurrentProduct;
    private final float[] inputProjection;
    private final float[] recurrentProjection;
    private final float[] output;
    private final StepBuffers step = new StepBuffers();
    /** The candidate's product of a GRU with the reset gate first, else null. */
    private final ResetGatedProduct gatedProduct;

    FusedLayerStepper(FusedRecurrentLayerImpl layer) {
        FusedRecurrentLayer conf = layer.layerConf();
        cell = conf.newCell();
        inputs = (int) conf.getNIn();
        hidden = (int) conf.getNOut();
        gateWidth = cell.gates() * hidden;
        stride = VectorGemm.paddedColumns(gateWidth);
        float[][] w = layer.getParam(FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY).toFloatMatrix();
        inputWeights = VectorGemm.rowMajorPadded(w);
        inputProduct = new PackedMatVec(w);
        recurrentProduct = new PackedMatVec(
                layer.getParam(FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY).toFloatMatrix());
        inputProjection = new float[stride];
        recurrentProjection = new float[stride];
        output = new float[hidden];
        step.rows = 1;
        step.hidden = hidden;
        step.zx = new double[gateWidth];
        step.zr = new double[gateWidth];
        step.bias = layer.getParam(FusedRecurrentParamInitializer.BIAS_KEY).toDoubleVector();
        step.recurrentBias = cell.hasSeparateRecurrentPart()
                ? layer.getParam(FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY).toDoubleVector() : null;
        step.h = new double[2 * hidden];
        step.c = cell.hasCellState() ? new double[2 * hidden] : null;
        step.cache = new double[cell.cacheWidth() * hidden];
        step.prevOffset = 0;
        step.offset = hidden;
        step.cacheOffset = 0;
        if (cell.gatesRecurrentInput()) {
            gatedProduct = new ResetGatedProduct();
            gatedProduct.load(layer.getParam(FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY));
        } else {
            gatedProduct = null;
        }
    }

    int inputs() {
        return inputs;
    }

    /** Zero state, as at the start of a sequence. */
    void reset() {
        Arrays.fill(step.h, 0);
        if (step.c != null) {
            Arrays.fill(step.c, 0);
        }
        Arrays.fill(output, 0f);
    }

    /** Advances one step on input {@code x} [inputs] and returns the new h [hidden] (valid until the next step). */
    float[] step(float[] x) {
        inputProduct.multiply(x, inputProjection);
        for (int j = 0; j < gateWidth; j++) {
            step.zx[j] = inputProjection[j];
        }
        return advance();
    }

    /** As {@link #step(float[])} for the one-hot input of {@code symbol}, whose product is row {@code symbol} of W. */
    float[] stepOneHot(int symbol) {
        int row = symbol * stride;
        for (int j = 0; j < gateWidth; j++) {
            step.zx[j] = inputWeights[row + j];
        }
        return advance();
    }

    private float[] advance() {
        recurrentProduct.multiply(output, recurrentProjection);
        for (int j = 0; j < gateWidth; j++) {
            step.zr[j] = recurrentProjection[j];
        }
        if (gatedProduct != null) {
            cell.forwardGates(step, 0, 1);
            gatedProduct.forward(step.cache, GruResetBeforeCell.gatedStateOffset(step), cell.cacheWidth() * hidden, 1,
                    step.zr);
        }
        cell.forward(step);
        System.arraycopy(step.h, hidden, step.h, 0, hidden);
        if (step.c != null) {
            System.arraycopy(step.c, hidden, step.c, 0, hidden);
        }
        for (int j = 0; j < hidden; j++) {
            output[j] = (float) step.h[j];
        }
        return output;
    }
}
