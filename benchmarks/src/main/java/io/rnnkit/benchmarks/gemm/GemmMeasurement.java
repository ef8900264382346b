package io.rnnkit.benchmarks.gemm;

/**
 * Measured throughput of one GEMM shape through one call path.
 *
 * @param shape the problem
 * @param threads OpenBLAS threads in force for the calls
 * @param method "cblas_sgemm" (direct OpenBLAS call on the arrays' pointers) or "Nd4j.gemm"
 * @param medianMs median time per call
 * @param gflopsPerSecond 2·m·n·k / median time
 */
public record GemmMeasurement(GemmShape shape, int threads, String method, double medianMs, double gflopsPerSecond) {
}
