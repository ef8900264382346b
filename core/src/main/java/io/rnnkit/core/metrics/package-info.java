/** Held-out metrics: accuracy with per-class precision/recall, perplexity, MAE and MSE. */
package io.rnnkit.core.metrics;
