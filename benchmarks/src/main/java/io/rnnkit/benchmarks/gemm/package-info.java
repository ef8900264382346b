/** The sgemm roofline: measured single-precision GEMM throughput on the same run as the benchmarks. */
package io.rnnkit.benchmarks.gemm;
