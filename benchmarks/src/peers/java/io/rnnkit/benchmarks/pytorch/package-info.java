/**
 * The PyTorch peer, through DJL's PyTorch engine, run offline; compiled only with the Maven
 * profile {@code peers} and found by {@link java.util.ServiceLoader}.
 */
package io.rnnkit.benchmarks.pytorch;
