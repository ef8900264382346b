/**
 * A fused softmax + cross-entropy output layer for sequence models
 * ({@link io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput}) that takes class-index labels and
 * computes logits, softmax, loss and gradients with three GEMMs and one vectorized pass.
 */
package io.rnnkit.models.layers.output;
