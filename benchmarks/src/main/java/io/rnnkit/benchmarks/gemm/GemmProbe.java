package io.rnnkit.benchmarks.gemm;

import io.rnnkit.benchmarks.TimingStats;
import io.rnnkit.benchmarks.threads.Nd4jThreads;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One direct {@code cblas_sgemm} call of a fixed shape at a fixed OpenBLAS thread count, timed once per
 * benchmark round so the roofline is sampled under the same (possibly shared, noisy) machine load as the
 * rows around it.
 */
public final class GemmProbe implements AutoCloseable {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;

    private final GemmShape shape;
    private final int threads;
    private final INDArray a;
    private final INDArray b;
    private final INDArray c;
    private final FloatPointer pa;
    private final FloatPointer pb;
    private final FloatPointer pc;
    private final List<Double> millis = new ArrayList<>();

    /** Allocates the three 'c'-order float matrices; every call runs on {@code threads} OpenBLAS threads. */
    public GemmProbe(GemmShape shape, int threads) {
        this.shape = shape;
        this.threads = threads;
        a = Nd4j.rand(DataType.FLOAT, shape.m(), shape.k());
        b = Nd4j.rand(DataType.FLOAT, shape.k(), shape.n());
        c = Nd4j.zeros(DataType.FLOAT, shape.m(), shape.n());
        pa = new FloatPointer(a.data().addressPointer());
        pb = new FloatPointer(b.data().addressPointer());
        pc = new FloatPointer(c.data().addressPointer());
    }

    /** Runs one GEMM without recording it (warm-up). */
    public void run() {
        Nd4jThreads.setBlas(threads);
        call();
    }

    private void call() {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, shape.m(), shape.n(), shape.k(),
                1f, pa, shape.k(), pb, shape.n(), 0f, pc, shape.n());
    }

    /** Runs one GEMM and records its time. */
    public void runTimed() {
        Nd4jThreads.setBlas(threads);
        long start = System.nanoTime();
        call();
        millis.add((System.nanoTime() - start) / 1e6);
    }

    /** Median of the recorded calls, labelled with {@code method}; throws if none ran. */
    public GemmMeasurement result(String method) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("no GEMM calls were timed");
        }
        double median = TimingStats.of(millis.stream().mapToDouble(Double::doubleValue).toArray()).medianMs();
        return new GemmMeasurement(shape, threads, method, median, shape.flops() / (median * 1e6));
    }

    @Override
    public void close() {
        a.close();
        b.close();
        c.close();
    }
}
