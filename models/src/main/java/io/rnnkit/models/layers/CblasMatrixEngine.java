package io.rnnkit.models.layers;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@link MatrixEngine} that calls OpenBLAS (the same libopenblas ND4J's CPU backend loads) on the
 * arrays' own memory: ND4J's per-call overhead is larger than a whole recurrent step's GEMM.
 * Not thread-safe: one instance per layer.
 */
final class CblasMatrixEngine implements MatrixEngine {

    private float[] floatScratch = new float[0];

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, MatrixBlock a, MatrixBlock b, double beta,
                     MatrixBlock c) {
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        DataType type = c.base().dataType();
        if (a.base().dataType() != type || b.base().dataType() != type) {
            throw new IllegalStateException("gemm operands must share one data type, got " + a.base().dataType()
                    + ", " + b.base().dataType() + ", " + type);
        }
        if (type == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a), a.cols(), floats(b), b.cols(),
                    (float) beta, floats(c), c.cols());
        } else if (type == DataType.DOUBLE) {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a), a.cols(), doubles(b), b.cols(), beta,
                    doubles(c), c.cols());
        } else {
            throw new IllegalStateException("rnnkit recurrent layers support FLOAT and DOUBLE, got " + type);
        }
    }

    @Override
    public void read(MatrixBlock src, double[] dst) {
        int n = src.length();
        if (src.base().dataType() == DataType.DOUBLE) {
            doubles(src).get(dst, 0, n);
            return;
        }
        float[] tmp = scratch(n);
        floats(src).get(tmp, 0, n);
        for (int i = 0; i < n; i++) {
            dst[i] = tmp[i];
        }
    }

    @Override
    public void write(double[] src, MatrixBlock dst) {
        int n = dst.length();
        if (dst.base().dataType() == DataType.DOUBLE) {
            doubles(dst).put(src, 0, n);
            return;
        }
        float[] tmp = scratch(n);
        for (int i = 0; i < n; i++) {
            tmp[i] = (float) src[i];
        }
        floats(dst).put(tmp, 0, n);
    }

    /** Copies a FLOAT block, row-major, into {@code dst[0, rows*cols)} without conversion. */
    @Override
    public void readFloats(MatrixBlock src, float[] dst) {
        floats(src).get(dst, 0, src.length());
    }

    /** Copies {@code src[0, rows*cols)}, row-major, into a FLOAT block without conversion. */
    @Override
    public void writeFloats(float[] src, MatrixBlock dst) {
        floats(dst).put(src, 0, dst.length());
    }

    private float[] scratch(int n) {
        if (floatScratch.length < n) {
            floatScratch = new float[n];
        }
        return floatScratch;
    }

    private static FloatPointer floats(MatrixBlock block) {
        return new FloatPointer(block.base().data().addressPointer()).position(block.offset());
    }

    private static DoublePointer doubles(MatrixBlock block) {
        return new DoublePointer(block.base().data().addressPointer()).position(block.offset());
    }
}
