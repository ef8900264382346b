package io.rnnkit.benchmarks.gemm;

import io.rnnkit.benchmarks.threads.Nd4jThreads;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures sgemm GFLOP/s, the roofline that recurrent-layer throughput is compared with.
 *
 * <p>Two call paths on the same preallocated 'c'-order float arrays: {@code Nd4j.gemm} and a
 * direct {@code cblas_sgemm} into the OpenBLAS library ND4J itself loads.
 */
public final class GemmRoofline {

    /** The PTB-medium input projection, also probed once per round inside each config. */
    public static final GemmShape PTB_MEDIUM_PROJECTION = new GemmShape(700, 2600, 650);

    /** The two shapes of issue 7: a square 1024³ and the PTB-medium input projection. */
    public static final List<GemmShape> DEFAULT_SHAPES =
            List.of(new GemmShape(1024, 1024, 1024), PTB_MEDIUM_PROJECTION);

    private static final Logger LOG = LoggerFactory.getLogger(GemmRoofline.class);

    private final int warmupCalls;
    private final int timedCalls;

    /** A roofline that warms up with {@code warmupCalls} and takes the median of {@code timedCalls}. */
    public GemmRoofline(int warmupCalls, int timedCalls) {
        if (warmupCalls < 0 || timedCalls <= 0) {
            throw new IllegalArgumentException(
                    "warmupCalls must be ≥ 0 and timedCalls > 0, got " + warmupCalls + " and " + timedCalls);
        }
        this.warmupCalls = warmupCalls;
        this.timedCalls = timedCalls;
    }

    /** Threads ND4J's BLAS (OpenBLAS) uses for one GEMM call, as ND4J reports it. */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** Measures every shape through both call paths with OpenBLAS at {@code threads} threads. */
    public List<GemmMeasurement> measure(List<GemmShape> shapes, int threads) {
        List<GemmMeasurement> results = new ArrayList<>();
        for (GemmShape shape : shapes) {
            Nd4jThreads.setBlas(threads);
            INDArray a = Nd4j.rand(DataType.FLOAT, shape.m(), shape.k());
            INDArray b = Nd4j.rand(DataType.FLOAT, shape.k(), shape.n());
            INDArray c = Nd4j.zeros(DataType.FLOAT, shape.m(), shape.n());
            results.add(time(shape, threads, "Nd4j.gemm", () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)));
            a.close();
            b.close();
            c.close();
            try (GemmProbe probe = new GemmProbe(shape, threads)) {
                for (int i = 0; i < warmupCalls; i++) {
                    probe.run();
                }
                for (int i = 0; i < timedCalls; i++) {
                    probe.runTimed();
                }
                results.add(log(probe.result("cblas_sgemm")));
            }
        }
        return results;
    }

    private GemmMeasurement time(GemmShape shape, int threads, String method, Runnable call) {
        for (int i = 0; i < warmupCalls; i++) {
            call.run();
        }
        double[] millis = new double[timedCalls];
        for (int i = 0; i < timedCalls; i++) {
            long start = System.nanoTime();
            call.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        double median = millis[millis.length / 2];
        return log(new GemmMeasurement(shape, threads, method, median, shape.flops() / (median * 1e6)));
    }

    private static GemmMeasurement log(GemmMeasurement m) {
        LOG.info("sgemm {} via {} at {} threads: {} ms, {} GFLOP/s", m.shape().describe(), m.method(), m.threads(),
                String.format("%.2f", m.medianMs()), String.format("%.1f", m.gflopsPerSecond()));
        return m;
    }
}
