/**
 * Import of Keras models saved as HDF5 ({@code .h5}, or a configuration JSON plus a weights {@code .h5}) into
 * DL4J {@link org.deeplearning4j.nn.graph.ComputationGraph}s built on rnnkit's fused GRU, LSTM and SimpleRnn
 * layers; the entry point is {@link io.rnnkit.keras.KerasImport}.
 */
package io.rnnkit.keras;
