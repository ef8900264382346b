/**
 * Fused recurrent layers for DL4J: {@link io.rnnkit.models.layers.SimpleRnn},
 * {@link io.rnnkit.models.layers.Lstm} and {@link io.rnnkit.models.layers.Gru}, sharing one time loop
 * ({@link io.rnnkit.models.layers.FusedRecurrentLayerImpl}) and small per-cell step classes.
 */
package io.rnnkit.models.layers;
