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
 * (no per-op overhead, no copies), in row or column blocks over the {@link KernelThreads} pool when OpenBLAS
 * itself runs single-threaded; through {@code Nd4j.gemm} on any other backend.
 */
final class RowMajorGemm {

    /** Multiply-adds below which a product is not split. */
    private static final long PARALLEL_MIN_WORK = 1L << 20;
    /** Blocks per kernel thread a large product splits into. */
    private static final int PARTS_PER_THREAD = 4;
    /** Rows or columns a block keeps at least, so that OpenBLAS's kernels stay efficient. */
    private static final int MIN_BLOCK = 64;

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
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalStateException("SoftmaxCrossEntropyOutput supports FLOAT and DOUBLE, got " + type);
        }
        // c splits along its longer side: a 200 × 10,000 weight gradient into column blocks, not 4 slim row blocks
        boolean byColumns = n > m;
        int length = byColumns ? n : m;
        int parts = splitParts(threads, length, (long) m * n * k);
        threads.run(parts, part -> {
            int first = (int) ((long) length * part / parts);
            int count = (int) ((long) length * (part + 1) / parts) - first;
            long aOffset = byColumns ? 0 : transA ? first : (long) first * lda;
            long bOffset = !byColumns ? 0 : transB ? (long) first * ldb : first;
            long cOffset = byColumns ? first : (long) first * n;
            int rows = byColumns ? m : count;
            int cols = byColumns ? count : n;
            if (type == DataType.FLOAT) {
                cblas_sgemm(CblasRowMajor, ta, tb, rows, cols, k, 1f, floats(a).position(aOffset), lda,
                        floats(b).position(bOffset), ldb, 0f, floats(c).position(cOffset), n);
            } else {
                cblas_dgemm(CblasRowMajor, ta, tb, rows, cols, k, 1.0, doubles(a).position(aOffset), lda,
                        doubles(b).position(bOffset), ldb, 0.0, doubles(c).position(cOffset), n);
            }
        });
    }

    /**
     * Blocks of one product's longer side: {@value #PARTS_PER_THREAD} per kernel thread, so that the
     * thread that finishes last waits for a small block only (a worker may wake late), when OpenBLAS runs
     * single-threaded (as under {@code OMP_NUM_THREADS=1}, the launcher's default) and the product is
     * large, and each block keeps at least {@value #MIN_BLOCK} rows or columns; otherwise one, and a
     * multi-threaded OpenBLAS splits it itself.
     */
    private static int splitParts(KernelThreads threads, int length, long work) {
        if (!threads.splits(work, PARALLEL_MIN_WORK) || length < threads.size()
                || Nd4j.factory().blas().getMaxThreads() > 1) {
            return 1;
        }
        return Math.max(Math.min(length, threads.size()),
                Math.min(length / MIN_BLOCK, PARTS_PER_THREAD * threads.size()));
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
