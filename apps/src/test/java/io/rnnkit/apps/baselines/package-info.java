/** Trivial baselines the trained reference tasks must beat: n-gram language models, next-value guesses, nearest neighbour. */
package io.rnnkit.apps.baselines;
