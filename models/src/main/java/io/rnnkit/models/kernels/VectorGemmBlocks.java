package io.rnnkit.models.kernels;

import static io.rnnkit.models.kernels.VectorGemm.ROW_GROUP;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s kernels in Vector API registers. Loaded only when the JVM has the Vector API
 * ({@link io.rnnkit.models.VectorApi#present()}).
 *
 * <p>Blocking: 6 rows × 4 vectors of c in registers (24 of the 32 AVX-512 registers); k in chunks
 * whose b panel stays in L1/L2; rows in groups whose c block stays in cache across those chunks. On
 * this machine 6×4 ran the LSTM weight-gradient product [1024×1120]×[1120×256] at about 160 GFLOP/s,
 * 4×4 at 130 (OpenBLAS's SKYLAKEX kernel: 215; its Haswell one: 114).
 *
 * <p>b comes either row-major (row stride as c's) or packed ({@link VectorGemm#packedLength}): in panels of
 * {@code 4·LANES} columns, each panel's k rows one after another. A packed panel is read front to back, where the
 * rows of a row-major b sit a whole row stride apart, for a 1024-column b each on its own 4 KB page, which share
 * a handful of L1 sets. On this machine packing ran [32×256]×[256×1024] at about 183 GFLOP/s against 141.
 */
final class VectorGemmBlocks {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK_COLUMNS = 4 * LANES;
    private static final int K_CHUNK = 192;
    /** A packed b's chunk: 256 rows of a 64-column panel are 64 KB, read in order (faster than 192 there). */
    private static final int K_CHUNK_PACKED = 256;

    private VectorGemmBlocks() {
    }

    /** Floats per vector: {@link VectorGemm} pads the rows of b and c to a multiple of it. */
    static int lanes() {
        return LANES;
    }

    /** Columns of one register block, and the width of a packed b's panels. */
    static int blockColumns() {
        return BLOCK_COLUMNS;
    }

    /**
     * Rows [rowStart, rowEnd) and columns [colStart, colEnd) of c; colStart is a multiple of the column block. b is
     * row-major with c's row stride, or packed.
     */
    static void multiplyRange(int rowStart, int rowEnd, int colStart, int colEnd, int k, float[] a,
                              int aOffset, int aRowStride, float[] b, boolean packed, float[] c, int stride) {
        int kChunk = packed ? K_CHUNK_PACKED : K_CHUNK;
        int bStride = packed ? BLOCK_COLUMNS : stride;
        for (int i0 = rowStart; i0 < rowEnd; i0 += ROW_GROUP) {
            int i1 = Math.min(rowEnd, i0 + ROW_GROUP);
            // 6-row blocks, then 4-row ones, then single rows; 6k + 2 rows go as 6(k-1) + 4 + 4 (batches of 20, 32)
            int sixes = (i1 - i0) / 6;
            int rest = (i1 - i0) % 6;
            if (rest == 2 && sixes > 0) {
                sixes--;
                rest += 6;
            }
            int sixRowsEnd = i0 + 6 * sixes;
            int fourRowsEnd = sixRowsEnd + rest / 4 * 4;
            for (int j = colStart; j < colEnd; j += BLOCK_COLUMNS) {
                boolean wide = j + BLOCK_COLUMNS <= colEnd;
                // b[p, column] sits at b[bOrigin + p·bStride + column]
                int bOrigin = packed ? j / BLOCK_COLUMNS * k * BLOCK_COLUMNS - j : 0;
                for (int p0 = 0; p0 < k; p0 += kChunk) {
                    int p1 = Math.min(k, p0 + kChunk);
                    boolean accumulate = p0 > 0;
                    int i = i0;
                    for (; i < sixRowsEnd; i += 6) {
                        if (wide) {
                            block6x4(i, j, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                        } else {
                            for (int jj = j; jj < colEnd; jj += LANES) {
                                block6x1(i, jj, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                            }
                        }
                    }
                    for (; i < fourRowsEnd; i += 4) {
                        if (wide) {
                            block4x4(i, j, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                        } else {
                            for (int jj = j; jj < colEnd; jj += LANES) {
                                block4x1(i, jj, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                            }
                        }
                    }
                    for (; i < i1; i++) {
                        if (wide) {
                            block1x4(i, j, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                        } else {
                            for (int jj = j; jj < colEnd; jj += LANES) {
                                block1x1(i, jj, p0, p1, accumulate, stride, a, aOffset, aRowStride, b, bOrigin, bStride, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Rows i..i+5, columns j..j+4·LANES: 24 vector accumulators, each b vector loaded once per 6 rows. */
    private static void block6x4(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        int o = i * n + j;
        FloatVector c00 = initial(c, o, accumulate);
        FloatVector c01 = initial(c, o + LANES, accumulate);
        FloatVector c02 = initial(c, o + 2 * LANES, accumulate);
        FloatVector c03 = initial(c, o + 3 * LANES, accumulate);
        FloatVector c10 = initial(c, o + n, accumulate);
        FloatVector c11 = initial(c, o + n + LANES, accumulate);
        FloatVector c12 = initial(c, o + n + 2 * LANES, accumulate);
        FloatVector c13 = initial(c, o + n + 3 * LANES, accumulate);
        FloatVector c20 = initial(c, o + 2 * n, accumulate);
        FloatVector c21 = initial(c, o + 2 * n + LANES, accumulate);
        FloatVector c22 = initial(c, o + 2 * n + 2 * LANES, accumulate);
        FloatVector c23 = initial(c, o + 2 * n + 3 * LANES, accumulate);
        FloatVector c30 = initial(c, o + 3 * n, accumulate);
        FloatVector c31 = initial(c, o + 3 * n + LANES, accumulate);
        FloatVector c32 = initial(c, o + 3 * n + 2 * LANES, accumulate);
        FloatVector c33 = initial(c, o + 3 * n + 3 * LANES, accumulate);
        FloatVector c40 = initial(c, o + 4 * n, accumulate);
        FloatVector c41 = initial(c, o + 4 * n + LANES, accumulate);
        FloatVector c42 = initial(c, o + 4 * n + 2 * LANES, accumulate);
        FloatVector c43 = initial(c, o + 4 * n + 3 * LANES, accumulate);
        FloatVector c50 = initial(c, o + 5 * n, accumulate);
        FloatVector c51 = initial(c, o + 5 * n + LANES, accumulate);
        FloatVector c52 = initial(c, o + 5 * n + 2 * LANES, accumulate);
        FloatVector c53 = initial(c, o + 5 * n + 3 * LANES, accumulate);
        int a0 = offset + i * rs;
        for (int p = p0; p < p1; p++) {
            int bo = bOrigin + p * bs + j;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bo + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bo + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(SPECIES, a[a0 + rs + p]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(SPECIES, a[a0 + 2 * rs + p]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(SPECIES, a[a0 + 3 * rs + p]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
            x = FloatVector.broadcast(SPECIES, a[a0 + 4 * rs + p]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            c43 = b3.fma(x, c43);
            x = FloatVector.broadcast(SPECIES, a[a0 + 5 * rs + p]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
            c53 = b3.fma(x, c53);
        }
        c00.intoArray(c, o);
        c01.intoArray(c, o + LANES);
        c02.intoArray(c, o + 2 * LANES);
        c03.intoArray(c, o + 3 * LANES);
        o += n;
        c10.intoArray(c, o);
        c11.intoArray(c, o + LANES);
        c12.intoArray(c, o + 2 * LANES);
        c13.intoArray(c, o + 3 * LANES);
        o += n;
        c20.intoArray(c, o);
        c21.intoArray(c, o + LANES);
        c22.intoArray(c, o + 2 * LANES);
        c23.intoArray(c, o + 3 * LANES);
        o += n;
        c30.intoArray(c, o);
        c31.intoArray(c, o + LANES);
        c32.intoArray(c, o + 2 * LANES);
        c33.intoArray(c, o + 3 * LANES);
        o += n;
        c40.intoArray(c, o);
        c41.intoArray(c, o + LANES);
        c42.intoArray(c, o + 2 * LANES);
        c43.intoArray(c, o + 3 * LANES);
        o += n;
        c50.intoArray(c, o);
        c51.intoArray(c, o + LANES);
        c52.intoArray(c, o + 2 * LANES);
        c53.intoArray(c, o + 3 * LANES);
    }

    /** Rows i..i+5, one vector of columns at j. */
    private static void block6x1(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        FloatVector c0 = initial(c, i * n + j, accumulate);
        FloatVector c1 = initial(c, (i + 1) * n + j, accumulate);
        FloatVector c2 = initial(c, (i + 2) * n + j, accumulate);
        FloatVector c3 = initial(c, (i + 3) * n + j, accumulate);
        FloatVector c4 = initial(c, (i + 4) * n + j, accumulate);
        FloatVector c5 = initial(c, (i + 5) * n + j, accumulate);
        int a0 = offset + i * rs;
        for (int p = p0; p < p1; p++) {
            FloatVector v = FloatVector.fromArray(SPECIES, b, bOrigin + p * bs + j);
            int pc = a0 + p;
            c0 = v.fma(FloatVector.broadcast(SPECIES, a[pc]), c0);
            c1 = v.fma(FloatVector.broadcast(SPECIES, a[pc + rs]), c1);
            c2 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 2 * rs]), c2);
            c3 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 3 * rs]), c3);
            c4 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 4 * rs]), c4);
            c5 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 5 * rs]), c5);
        }
        c0.intoArray(c, i * n + j);
        c1.intoArray(c, (i + 1) * n + j);
        c2.intoArray(c, (i + 2) * n + j);
        c3.intoArray(c, (i + 3) * n + j);
        c4.intoArray(c, (i + 4) * n + j);
        c5.intoArray(c, (i + 5) * n + j);
    }

    /** Rows i..i+3, columns j..j+4·LANES: 16 vector accumulators, B loaded once per 4 rows. */
    private static void block4x4(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        int o = i * n + j;
        FloatVector c00 = initial(c, o, accumulate);
        FloatVector c01 = initial(c, o + LANES, accumulate);
        FloatVector c02 = initial(c, o + 2 * LANES, accumulate);
        FloatVector c03 = initial(c, o + 3 * LANES, accumulate);
        FloatVector c10 = initial(c, o + n, accumulate);
        FloatVector c11 = initial(c, o + n + LANES, accumulate);
        FloatVector c12 = initial(c, o + n + 2 * LANES, accumulate);
        FloatVector c13 = initial(c, o + n + 3 * LANES, accumulate);
        FloatVector c20 = initial(c, o + 2 * n, accumulate);
        FloatVector c21 = initial(c, o + 2 * n + LANES, accumulate);
        FloatVector c22 = initial(c, o + 2 * n + 2 * LANES, accumulate);
        FloatVector c23 = initial(c, o + 2 * n + 3 * LANES, accumulate);
        FloatVector c30 = initial(c, o + 3 * n, accumulate);
        FloatVector c31 = initial(c, o + 3 * n + LANES, accumulate);
        FloatVector c32 = initial(c, o + 3 * n + 2 * LANES, accumulate);
        FloatVector c33 = initial(c, o + 3 * n + 3 * LANES, accumulate);
        int a0 = offset + i * rs;
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = p0; p < p1; p++) {
            int bo = bOrigin + p * bs + j;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bo + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bo + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        // stores written out: a helper taking vectors would box them unless inlined
        c00.intoArray(c, o);
        c01.intoArray(c, o + LANES);
        c02.intoArray(c, o + 2 * LANES);
        c03.intoArray(c, o + 3 * LANES);
        o += n;
        c10.intoArray(c, o);
        c11.intoArray(c, o + LANES);
        c12.intoArray(c, o + 2 * LANES);
        c13.intoArray(c, o + 3 * LANES);
        o += n;
        c20.intoArray(c, o);
        c21.intoArray(c, o + LANES);
        c22.intoArray(c, o + 2 * LANES);
        c23.intoArray(c, o + 3 * LANES);
        o += n;
        c30.intoArray(c, o);
        c31.intoArray(c, o + LANES);
        c32.intoArray(c, o + 2 * LANES);
        c33.intoArray(c, o + 3 * LANES);
    }

    /** Rows i..i+3, one vector of columns at j. */
    private static void block4x1(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        FloatVector c0 = initial(c, i * n + j, accumulate);
        FloatVector c1 = initial(c, (i + 1) * n + j, accumulate);
        FloatVector c2 = initial(c, (i + 2) * n + j, accumulate);
        FloatVector c3 = initial(c, (i + 3) * n + j, accumulate);
        int a0 = offset + i * rs;
        for (int p = p0; p < p1; p++) {
            FloatVector v = FloatVector.fromArray(SPECIES, b, bOrigin + p * bs + j);
            int pc = a0 + p;
            c0 = v.fma(FloatVector.broadcast(SPECIES, a[pc]), c0);
            c1 = v.fma(FloatVector.broadcast(SPECIES, a[pc + rs]), c1);
            c2 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 2 * rs]), c2);
            c3 = v.fma(FloatVector.broadcast(SPECIES, a[pc + 3 * rs]), c3);
        }
        c0.intoArray(c, i * n + j);
        c1.intoArray(c, (i + 1) * n + j);
        c2.intoArray(c, (i + 2) * n + j);
        c3.intoArray(c, (i + 3) * n + j);
    }

    /** Row i, columns j..j+4·LANES: four independent accumulators, for the rows left after the 4-row blocks. */
    private static void block1x4(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        int o = i * n + j;
        FloatVector c0 = initial(c, o, accumulate);
        FloatVector c1 = initial(c, o + LANES, accumulate);
        FloatVector c2 = initial(c, o + 2 * LANES, accumulate);
        FloatVector c3 = initial(c, o + 3 * LANES, accumulate);
        int row = offset + i * rs;
        for (int p = p0; p < p1; p++) {
            int bo = bOrigin + p * bs + j;
            FloatVector x = FloatVector.broadcast(SPECIES, a[row + p]);
            c0 = FloatVector.fromArray(SPECIES, b, bo).fma(x, c0);
            c1 = FloatVector.fromArray(SPECIES, b, bo + LANES).fma(x, c1);
            c2 = FloatVector.fromArray(SPECIES, b, bo + 2 * LANES).fma(x, c2);
            c3 = FloatVector.fromArray(SPECIES, b, bo + 3 * LANES).fma(x, c3);
        }
        c0.intoArray(c, o);
        c1.intoArray(c, o + LANES);
        c2.intoArray(c, o + 2 * LANES);
        c3.intoArray(c, o + 3 * LANES);
    }

    /** Row i, one vector of columns at j. */
    private static void block1x1(int i, int j, int p0, int p1, boolean accumulate, int n, float[] a,
                                 int offset, int rs, float[] b, int bOrigin, int bs, float[] c) {
        FloatVector acc = initial(c, i * n + j, accumulate);
        for (int p = p0; p < p1; p++) {
            acc = FloatVector.fromArray(SPECIES, b, bOrigin + p * bs + j).fma(FloatVector.broadcast(SPECIES, a[offset + i * rs + p]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    private static FloatVector initial(float[] c, int offset, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, offset) : FloatVector.zero(SPECIES);
    }
}
