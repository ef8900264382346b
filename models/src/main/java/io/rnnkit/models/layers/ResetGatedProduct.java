package io.rnnkit.models.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The candidate block's recurrent product of a GRU with the reset gate before it, (r ⊙ h')·R_n, which
 * cannot share the step's one recurrent GEMM because r comes from that GEMM. It runs on the heap in
 * double, with its own weight gradient: the step's main products see a zero candidate block in the
 * recurrent gate gradients, so their recurrent weight gradient and dL/dh' leave R_n out.
 * Gated states are read from the cell's cache, rows {@code rowStride} apart.
 */
final class ResetGatedProduct {

    private int hidden;
    private int gateWidth;
    /** R_n, row-major [H (input unit k), H (candidate unit j)]. */
    private double[] weights = new double[0];
    /** dL/dR_n summed over the pass's steps, same layout. */
    private double[] gradient = new double[0];

    /** Takes R_n, the last H columns of the (effective) recurrent weights RW [H, 3H], for the coming pass. */
    void load(INDArray recurrentWeights) {
        hidden = (int) recurrentWeights.size(0);
        gateWidth = (int) recurrentWeights.size(1);
        weights = recurrentWeights.get(NDArrayIndex.all(), NDArrayIndex.interval(gateWidth - hidden, gateWidth))
                .castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (gradient.length != hidden * hidden) {
            gradient = new double[hidden * hidden];
        }
    }

    /** Writes (r ⊙ h')·R_n into the candidate block of each of {@code rows} rows of {@code zr} [rows, 3H]. */
    void forward(double[] gated, int offset, int rowStride, int rows, double[] zr) {
        for (int row = 0; row < rows; row++) {
            int out = row * gateWidth + gateWidth - hidden;
            Arrays.fill(zr, out, out + hidden, 0.0);
            int in = offset + row * rowStride;
            for (int k = 0; k < hidden; k++) {
                double g = gated[in + k];
                int w = k * hidden;
                for (int j = 0; j < hidden; j++) {
                    zr[out + j] += g * weights[w + j];
                }
            }
        }
    }

    /** dL/d(r ⊙ h') = dn·R_nᵀ into {@code target} [rows, H], from the candidate block of {@code dzr} [rows, 3H]. */
    void backward(double[] dzr, int rows, double[] target) {
        for (int row = 0; row < rows; row++) {
            int dn = row * gateWidth + gateWidth - hidden;
            for (int k = 0; k < hidden; k++) {
                int w = k * hidden;
                double sum = 0;
                for (int j = 0; j < hidden; j++) {
                    sum += dzr[dn + j] * weights[w + j];
                }
                target[row * hidden + k] = sum;
            }
        }
    }

    /** Clears the weight gradient, at the start of a backward pass. */
    void clearGradient() {
        Arrays.fill(gradient, 0.0);
    }

    /**
     * Adds this step's (r ⊙ h')ᵀ·dn to the weight gradient, then zeroes the candidate block of {@code dzr}
     * so that the main products leave R_n out.
     */
    void accumulate(double[] gated, int offset, int rowStride, int rows, double[] dzr) {
        for (int row = 0; row < rows; row++) {
            int dn = row * gateWidth + gateWidth - hidden;
            int in = offset + row * rowStride;
            for (int k = 0; k < hidden; k++) {
                double g = gated[in + k];
                int w = k * hidden;
                for (int j = 0; j < hidden; j++) {
                    gradient[w + j] += g * dzr[dn + j];
                }
            }
            Arrays.fill(dzr, dn, dn + hidden, 0.0);
        }
    }

    /** Writes the summed gradient into the candidate columns of the recurrent weight gradient view [H, 3H]. */
    void writeGradient(INDArray recurrentWeightGradient) {
        INDArray block = Nd4j.create(gradient, new long[] {hidden, hidden}, 'c')
                .castTo(recurrentWeightGradient.dataType());
        recurrentWeightGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(gateWidth - hidden, gateWidth))
                .assign(block);
    }
}
