package io.rnnkit.models.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackedMatVec}'s layout and kernel in Vector API registers. Loaded only when the JVM has the Vector API
 * ({@link io.rnnkit.models.VectorApi#present()}).
 */
final class VectorMatVec {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Vectors of c a full panel keeps in registers: 8 independent multiply-add chains hide the FMA latency. */
    private static final int PANEL_VECTORS = 8;
    private static final int PANEL_WIDTH = PANEL_VECTORS * LANES;

    private VectorMatVec() {
    }

    /**
     * b [k, n] in column panels of {@value #PANEL_VECTORS} vectors (the last one narrower when the padded width is
     * not a whole number of panels), each panel's rows one after another, padding columns zero.
     */
    static float[] pack(float[][] b, int n, int stride) {
        int k = b.length;
        float[] packed = new float[k * stride];
        int base = 0;
        for (int j0 = 0; j0 < stride; j0 += PANEL_WIDTH) {
            int width = Math.min(PANEL_WIDTH, stride - j0);
            for (int p = 0; p < k; p++) {
                int columns = Math.max(0, Math.min(width, n - j0));
                System.arraycopy(b[p], j0, packed, base + p * width, columns);
            }
            base += k * width;
        }
        return packed;
    }

    /** The number of column panels {@link #pack} makes for a padded width. */
    static int panels(int stride) {
        return (stride + PANEL_WIDTH - 1) / PANEL_WIDTH;
    }

    /** Panels [from, to) of c = a[0, k) · b, b as {@link #pack} laid it out (all panels but the last are whole). */
    static void multiply(float[] packed, int k, int stride, float[] a, float[] c, int from, int to) {
        for (int panel = from; panel < to; panel++) {
            int j0 = panel * PANEL_WIDTH;
            int base = j0 * k;
            int width = Math.min(PANEL_WIDTH, stride - j0);
            if (width == PANEL_WIDTH) {
                eightVectors(packed, base, k, a, c, j0);
            } else {
                for (int v = 0; v < width; v += LANES) {
                    oneVector(packed, base + v, width, k, a, c, j0 + v);
                }
            }
        }
    }

    private static void eightVectors(float[] b, int base, int k, float[] a, float[] c, int j) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        for (int p = 0, o = base; p < k; p++, o += 8 * LANES) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[p]);
            c0 = FloatVector.fromArray(SPECIES, b, o).fma(x, c0);
            c1 = FloatVector.fromArray(SPECIES, b, o + LANES).fma(x, c1);
            c2 = FloatVector.fromArray(SPECIES, b, o + 2 * LANES).fma(x, c2);
            c3 = FloatVector.fromArray(SPECIES, b, o + 3 * LANES).fma(x, c3);
            c4 = FloatVector.fromArray(SPECIES, b, o + 4 * LANES).fma(x, c4);
            c5 = FloatVector.fromArray(SPECIES, b, o + 5 * LANES).fma(x, c5);
            c6 = FloatVector.fromArray(SPECIES, b, o + 6 * LANES).fma(x, c6);
            c7 = FloatVector.fromArray(SPECIES, b, o + 7 * LANES).fma(x, c7);
        }
        c0.intoArray(c, j);
        c1.intoArray(c, j + LANES);
        c2.intoArray(c, j + 2 * LANES);
        c3.intoArray(c, j + 3 * LANES);
        c4.intoArray(c, j + 4 * LANES);
        c5.intoArray(c, j + 5 * LANES);
        c6.intoArray(c, j + 6 * LANES);
        c7.intoArray(c, j + 7 * LANES);
    }

    /** One vector of columns of a narrower last panel: rows {@code width} apart. */
    private static void oneVector(float[] b, int start, int width, int k, float[] a, float[] c, int j) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0, o = start; p < k; p++, o += width) {
            acc = FloatVector.fromArray(SPECIES, b, o).fma(FloatVector.broadcast(SPECIES, a[p]), acc);
        }
        acc.intoArray(c, j);
    }
}
