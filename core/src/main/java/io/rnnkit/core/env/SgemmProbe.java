package io.rnnkit.core.env;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Measures single-precision matrix multiply speed through ND4J, the roofline for our layers. */
public final class SgemmProbe {

    private static final int WARMUP_RUNS = 2;
    private static final int TIMED_RUNS = 5;

    private SgemmProbe() {
    }

    /** Multiplies two n×n float matrices several times and returns the median GFLOP/s. */
    public static double measureGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < WARMUP_RUNS; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double[] seconds = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            Nd4j.getExecutioner().commit();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double flops = 2.0 * n * n * (double) n;
        return flops / seconds[TIMED_RUNS / 2] / 1e9;
    }
}
