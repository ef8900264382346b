/**
 * The ONNX Runtime inference peer: rnnkit's own benchmark networks exported by {@code rnnkit-onnx} and run in ONNX
 * Runtime, for the sampling (D) and forward-pass (E) configs.
 */
package io.rnnkit.benchmarks.onnxruntime;
