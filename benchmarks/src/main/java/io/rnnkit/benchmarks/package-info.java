/**
 * Side-by-side speed harness: rnnkit recurrent layers against stock DL4J layers, ONNX Runtime running the exported
 * rnnkit networks (sampling and inference) and, with the {@code peers} Maven profile, PyTorch through DJL, plus a
 * measured sgemm roofline.
 */
package io.rnnkit.benchmarks;
