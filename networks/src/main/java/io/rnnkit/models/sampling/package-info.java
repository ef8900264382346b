/** Streaming text generation from recurrent language models: greedy, temperature and top-k sampling with a seed. */
package io.rnnkit.models.sampling;
