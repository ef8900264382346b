package io.rnnkit.models.layers.output;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import io.rnnkit.models.kernels.KernelThreads;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code c = op(a)·op(b)} on row-major 2-D arrays: straight to OpenBLAS on ND4J's native CPU backend
 * (no per-op overhead, no copies), in row blocks over the {@link KernelThreads} pool when OpenBLAS
 * itself runs single-threaded; through {@code Nd4j.gemm} on any other backend.
 */
final class RowMajorGemm {

    /** Multiply-adds below which a product is not split. */
    private static final long PARALLEL_MIN_WORK = 1L << 20;

    private final boolean direct;

    private RowMajorGemm(boolean direct) {
        this.direct = direct;
    }

    static RowMajorGemm forCurrentBackend() {
        return new RowMajorGemm(isNativeCpu());
    }

    static boolean isNativeCpu() {
        return "org.nd4j.linalg.cpu.nativecpu.CpuBackend".equals(Nd4j.getBackend().getClass().getName());
    }

    void gemm(boolean transA, boolean transB, INDArray a, INDArray b, INDArray c) {
        if (!direct) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            return;
        }
        requireRowMajor(a);
        requireRowMajor(b);
        requireRowMajor(c);
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        int lda = (int) a.size(1);
        int ldb = (int) b.size(1);
        DataType type = c.dataType();
        if (a.dataType() != type || b.dataType() != type) {
            throw new IllegalStateException("gemm operands must share one data type, got " + a.dataType() + ", "
                    + b.dataType() + ", " + type);
        }
        KernelThreads threads = KernelThreads.shared();
        int parts = splitParts(threads, m, n, k);
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalStateException("SoftmaxCrossEntropyOutput supports FLOAT and DOUBLE, got " + type);
        }
        threads.run(parts, part -> {
            int first = (int) ((long) m * part / parts);
            int rows = (int) ((long) m * (part + 1) / parts) - first;
            long aOffset = transA ? first : (long) first * lda;
            long cOffset = (long) first * n;
            if (type == DataType.FLOAT) {
                cblas_sgemm(CblasRowMajor, ta, tb, rows, n, k, 1f, floats(a).position(aOffset), lda, floats(b), ldb,
                        0f, floats(c).position(cOffset), n);
            } else {
                cblas_dgemm(CblasRowMajor, ta, tb, rows, n, k, 1.0, doubles(a).position(aOffset), lda, doubles(b),
                        ldb, 0.0, doubles(c).position(cOffset), n);
            }
        });
    }

    /**
     * Row blocks for one product: two per kernel thread (so that a worker that wakes late does not hold
     * the caller up) when OpenBLAS runs single-threaded (as under {@code OMP_NUM_THREADS=1}, the
     * launcher's default) and the product is large; otherwise one, and a multi-threaded OpenBLAS
     * splits it itself.
     */
    private static int splitParts(KernelThreads threads, int m, int n, int k) {
        if (!threads.splits((long) m * n * k, PARALLEL_MIN_WORK) || m < threads.size()
                || Nd4j.factory().blas().getMaxThreads() > 1) {
            return 1;
        }
        return Math.min(m, 2 * threads.size());
    }

    static FloatPointer floats(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }

    static DoublePointer doubles(INDArray array) {
        return new DoublePointer(array.data().addressPointer());
    }

    /** Fails unless the array is 2-D, c-contiguous and starts at its buffer's address. */
    static void requireRowMajor(INDArray array) {
        boolean ok = array.rank() == 2 && array.stride(1) == 1
                && (array.size(0) <= 1 || array.stride(0) == array.size(1));
        if (!ok) {
            throw new IllegalStateException("expected a row-major contiguous 2-D array, got shape "
                    + Arrays.toString(array.shape()) + " strides " + Arrays.toString(array.stride()));
        }
    }
}
