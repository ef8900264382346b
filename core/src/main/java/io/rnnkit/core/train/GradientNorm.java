package io.rnnkit.core.train;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.KernelThreads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The L2 norm of a network's flat gradient, for clipping at every step. A contiguous float gradient is read in
 * place, in fixed chunks whose sums (each in float lanes, then double) are added in chunk order, the chunks split
 * over the kernel pool: the same bits on any number of threads. On PTB's 4.65M parameters this took about 0.5 ms
 * on one thread against 4-5 ms for ND4J's {@code norm2Number}, which also accumulates in float and drifted by
 * 0.2% on uniform test data. Gradients under {@link #HEAP_MIN_LENGTH} values go to ND4J, whose reduction
 * takes well under a millisecond there; that also keeps the smaller clipped tasks (char-lm, seq2seq-add, uci)
 * on the bits their figures were measured with. So do double gradients and a JVM without the Vector API.
 */
final class GradientNorm {

    /** Elements per chunk: small enough that float lane sums stay accurate, large enough to amortise a task. */
    static final int CHUNK = 4096;
    /** Values from which the norm is read on the heap. */
    static final long HEAP_MIN_LENGTH = 1L << 20;

    private GradientNorm() {
    }

    /** ‖gradient‖₂. */
    static double l2(INDArray gradient) {
        if (!VectorApi.present() || gradient.length() < HEAP_MIN_LENGTH || gradient.dataType() != DataType.FLOAT
                || !gradient.isVectorOrScalar()
                || gradient.elementWiseStride() != 1) {
            return gradient.norm2Number().doubleValue();
        }
        ByteBuffer bytes = gradient.data().asNio().order(ByteOrder.nativeOrder());
        long first = gradient.offset();
        int length = (int) gradient.length();
        int chunks = (length + CHUNK - 1) / CHUNK;
        double[] sums = new double[chunks];
        KernelThreads threads = KernelThreads.shared();
        int parts = threads.splits(length, 1L << 18) ? Math.min(chunks, 4 * threads.size()) : 1;
        threads.runRanges(chunks, parts, (firstChunk, endChunk) -> {
            for (int c = firstChunk; c < endChunk; c++) {
                sums[c] = SumOfSquares.of(bytes, first, c * CHUNK, Math.min(length, (c + 1) * CHUNK));
            }
        });
        double total = 0;
        for (double sum : sums) {
            total += sum;
        }
        return Math.sqrt(total);
    }
}
