/**
 * Numeric kernels of the fused layers, apart from the DL4J layer classes: activation functions
 * that give the same bits in interpreted and JIT-compiled code, and the shared thread pool that
 * splits the heavy products.
 */
package io.rnnkit.models.kernels;
