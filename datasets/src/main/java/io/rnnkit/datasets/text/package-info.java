/**
 * Language-model data: character vocabularies over Unicode code points, the PTB word corpus, and
 * the random-window and sequential-stream samplers that batch an {@code int[]} token stream.
 */
package io.rnnkit.datasets.text;
