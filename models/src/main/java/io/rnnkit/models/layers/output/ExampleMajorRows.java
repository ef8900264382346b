package io.rnnkit.models.layers.output;

import io.rnnkit.models.kernels.KernelThreads;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves rows between the fused layers' time-major order ([T·B, F], row {@code t·B + b}) and the output layer's
 * example-major order ([B·T, F], row {@code b·T + t}). On the native CPU backend each example's T rows go through
 * one heap buffer in whole-row copies, examples split over the kernel pool; elsewhere an ND4J permuted assign.
 */
final class ExampleMajorRows {

    /** Values below which a copy runs on the calling thread: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 16;

    private final boolean nativeCpu;
    private float[][] floatBuffers = new float[0][];
    private double[][] doubleBuffers = new double[0][];

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
        boolean direct = nativeCpu && dst.dataType() == type && (type == DataType.FLOAT || type == DataType.DOUBLE);
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
        int block = steps * features;
        int parts = threads.splits((long) batch * block, PARALLEL_MIN_VALUES) ? Math.min(batch, threads.size()) : 1;
        boolean floats = type == DataType.FLOAT;
        ensureBuffers(parts, block, floats);
        threads.run(parts, part -> {
            int first = batch * part / parts;
            int end = batch * (part + 1) / parts;
            if (floats) {
                copyFloats(RowMajorGemm.floats(src), RowMajorGemm.floats(dst), floatBuffers[part], first, end, batch,
                        steps, features, srcTimeMajor);
            } else {
                copyDoubles(RowMajorGemm.doubles(src), RowMajorGemm.doubles(dst), doubleBuffers[part], first, end,
                        batch, steps, features, srcTimeMajor);
            }
        });
    }

    /** Examples [first, end): each example's T rows gathered from (or scattered to) time-major rows. */
    private static void copyFloats(FloatPointer src, FloatPointer dst, float[] example, int first, int end, int batch,
                                   int steps, int features, boolean srcTimeMajor) {
        int block = steps * features;
        for (int b = first; b < end; b++) {
            if (!srcTimeMajor) {
                src.position((long) b * block).get(example, 0, block);
            }
            for (int t = 0; t < steps; t++) {
                long row = ((long) t * batch + b) * features;
                if (srcTimeMajor) {
                    src.position(row).get(example, t * features, features);
                } else {
                    dst.position(row).put(example, t * features, features);
                }
            }
            if (srcTimeMajor) {
                dst.position((long) b * block).put(example, 0, block);
            }
        }
    }

    /** {@link #copyFloats} for doubles. */
    private static void copyDoubles(DoublePointer src, DoublePointer dst, double[] example, int first, int end,
                                    int batch, int steps, int features, boolean srcTimeMajor) {
        int block = steps * features;
        for (int b = first; b < end; b++) {
            if (!srcTimeMajor) {
                src.position((long) b * block).get(example, 0, block);
            }
            for (int t = 0; t < steps; t++) {
                long row = ((long) t * batch + b) * features;
                if (srcTimeMajor) {
                    src.position(row).get(example, t * features, features);
                } else {
                    dst.position(row).put(example, t * features, features);
                }
            }
            if (srcTimeMajor) {
                dst.position((long) b * block).put(example, 0, block);
            }
        }
    }

    private void ensureBuffers(int parts, int length, boolean floats) {
        if (floats && (floatBuffers.length < parts || floatBuffers[0].length < length)) {
            floatBuffers = new float[parts][length];
        } else if (!floats && (doubleBuffers.length < parts || doubleBuffers[0].length < length)) {
            doubleBuffers = new double[parts][length];
        }
    }
}
