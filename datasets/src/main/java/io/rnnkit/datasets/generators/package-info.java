/**
 * The generated reference tasks, which need no files: waves, addition, sin-next, sin-cos and the
 * seq2seq addition data for an encoder→decoder graph.
 */
package io.rnnkit.datasets.generators;
