/**
 * ONNX interchange: {@link io.rnnkit.onnx.OnnxModel} imports an ONNX graph of recurrent operators (LSTM, GRU,
 * RNN) and the glue {@code torch.onnx.export} writes around them, running each recurrent node on rnnkit's fused
 * layers.
 */
package io.rnnkit.onnx;
