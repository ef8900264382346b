/** Shared machinery of rnnkit: backend report, configuration, training loop, metrics and errors. */
package io.rnnkit.core;
