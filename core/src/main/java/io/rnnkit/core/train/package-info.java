/** The training loop: epochs, schedules, global-norm clipping, stateful batches, checkpoints and progress. */
package io.rnnkit.core.train;
