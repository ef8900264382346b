package io.rnnkit.models.layers.output;

import io.rnnkit.models.kernels.KernelThreads;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves rows between the fused layers' time-major order ([T·B, F], row {@code t·B + b}) and the output layer's
 * example-major order ([B·T, F], row {@code b·T + t}). On the native CPU backend each example's T rows go through
 * one heap buffer in whole-row byte copies, examples split over the kernel pool; elsewhere an ND4J permuted assign.
 */
final class ExampleMajorRows {

    /** Values below which a copy runs on the calling thread: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 16;

    private final boolean nativeCpu;
    private byte[][] buffers = new byte[0][];

    ExampleMajorRows(boolean nativeCpu) {
        this.nativeCpu = nativeCpu;
    }

    /** {@code exampleMajor[b·T + t] = timeMajor[t·B + b]}, both row-major [B·T, F] arrays of one data type. */
    void fromTimeMajor(INDArray timeMajor, INDArray exampleMajor, int batch, int steps) {
        copy(timeMajor, exampleMajor, batch, steps, true);
    }

    /** {@code timeMajor[t·B + b] = exampleMajor[b·T + t]}, both row-major [B·T, F] arrays of one data type. */
    void toTimeMajor(INDArray exampleMajor, INDArray timeMajor, int batch, int steps) {
        copy(exampleMajor, timeMajor, batch, steps, false);
    }

    private void copy(INDArray src, INDArray dst, int batch, int steps, boolean srcTimeMajor) {
        int features = (int) src.size(1);
        DataType type = src.dataType();
        boolean direct = nativeCpu && dst.dataType() == type;
        if (!direct) {
            INDArray timeMajor = srcTimeMajor ? src : dst;
            INDArray exampleMajor = srcTimeMajor ? dst : src;
            INDArray timeMajorView = timeMajor.reshape(steps, batch, features).permute(1, 0, 2);
            if (srcTimeMajor) {
                exampleMajor.reshape(batch, steps, features).assign(timeMajorView);
            } else {
                timeMajorView.assign(exampleMajor.reshape(batch, steps, features));
            }
            return;
        }
        RowMajorGemm.requireRowMajor(src);
        RowMajorGemm.requireRowMajor(dst);
        KernelThreads threads = KernelThreads.shared();
        int rowBytes = features * type.width();
        int parts = threads.splits((long) batch * steps * features, PARALLEL_MIN_VALUES)
                ? Math.min(batch, threads.size()) : 1;
        ensureBuffers(parts, steps * rowBytes);
        threads.run(parts, part -> copyExamples(new BytePointer(src.data().addressPointer()),
                new BytePointer(dst.data().addressPointer()), buffers[part], batch * part / parts,
                batch * (part + 1) / parts, batch, steps, rowBytes, srcTimeMajor));
    }

    /**
     * Examples [first, end): each example's T rows of {@code rowBytes} bytes gathered from (or scattered to)
     * time-major rows, through the heap buffer {@code example}. Raw bytes, so one copy serves floats and doubles.
     */
    private static void copyExamples(BytePointer src, BytePointer dst, byte[] example, int first, int end, int batch,
                                     int steps, int rowBytes, boolean srcTimeMajor) {
        int block = steps * rowBytes;
        for (int b = first; b < end; b++) {
            if (!srcTimeMajor) {
                src.position((long) b * block).get(example, 0, block);
            }
            for (int t = 0; t < steps; t++) {
                long row = ((long) t * batch + b) * rowBytes;
                if (srcTimeMajor) {
                    src.position(row).get(example, t * rowBytes, rowBytes);
                } else {
                    dst.position(row).put(example, t * rowBytes, rowBytes);
                }
            }
            if (srcTimeMajor) {
                dst.position((long) b * block).put(example, 0, block);
            }
        }
    }

    private void ensureBuffers(int parts, int length) {
        if (buffers.length < parts || buffers[0].length < length) {
            buffers = new byte[parts][length];
        }
    }
}
