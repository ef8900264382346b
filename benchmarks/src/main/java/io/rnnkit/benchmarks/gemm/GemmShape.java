package io.rnnkit.benchmarks.gemm;

/**
 * A GEMM problem [m×k]×[k×n].
 *
 * @param m rows of A and C
 * @param n columns of B and C
 * @param k inner dimension
 */
public record GemmShape(int m, int n, int k) {

    /** Validates the sizes. */
    public GemmShape {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("GEMM sizes must be positive, got m=" + m + " n=" + n + " k=" + k);
        }
    }

    /** 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** "[m×k]×[k×n]". */
    public String describe() {
        return "[" + m + "×" + k + "]×[" + k + "×" + n + "]";
    }
}
