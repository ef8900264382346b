package io.rnnkit.models.layers.output;

import io.rnnkit.models.kernels.KernelThreads;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the row-major [B·T, C] output rows as DL4J's [B, C, T] activations. ND4J's permuted assign
 * copies element by element on one thread (about a third of a PTB held-out batch here); on the native CPU
 * backend with float arrays this moves each example's [T, C] block to the heap in one call, transposes
 * it there and writes it back in one call, examples split over the kernel pool.
 */
final class StepMajorToClassMajor {

    private final boolean nativeCpu;
    private float[][] buffers = new float[0][];

    StepMajorToClassMajor(boolean nativeCpu) {
        this.nativeCpu = nativeCpu;
    }

    /** {@code out[b, c, t] = rows[b·T + t, c]}; {@code out} is a fresh 'c'-order [B, C, T] array. */
    void write(INDArray rows, INDArray out, int batch, int steps, int classes) {
        boolean direct = nativeCpu && rows.dataType() == DataType.FLOAT && out.dataType() == DataType.FLOAT
                && out.ordering() == 'c' && !out.isView();
        if (!direct) {
            out.permute(0, 2, 1).assign(rows.reshape(batch, steps, classes));
            return;
        }
        RowMajorGemm.requireRowMajor(rows);
        KernelThreads threads = KernelThreads.shared();
        int block = steps * classes;
        int parts = threads.splits((long) batch * block, 1L << 16) ? Math.min(batch, threads.size()) : 1;
        ensureBuffers(parts, 2 * block);
        threads.run(parts, part -> {
            float[] stepMajor = buffers[part];
            int classMajor = block;
            FloatPointer source = RowMajorGemm.floats(rows);
            FloatPointer target = RowMajorGemm.floats(out);
            for (int b = batch * part / parts; b < batch * (part + 1) / parts; b++) {
                source.position((long) b * block).get(stepMajor, 0, block);
                for (int t = 0; t < steps; t++) {
                    int from = t * classes;
                    for (int c = 0; c < classes; c++) {
                        stepMajor[classMajor + c * steps + t] = stepMajor[from + c];
                    }
                }
                target.position(out.offset() + (long) b * block).put(stepMajor, classMajor, block);
            }
        });
    }

    private void ensureBuffers(int parts, int length) {
        if (buffers.length < parts || buffers[0].length < length) {
            buffers = new float[parts][length];
        }
    }
}
