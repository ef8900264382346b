/**
 * Peers that run as DL4J {@code MultiLayerNetwork}s: stock DL4J recurrent layers and rnnkit's own
 * layers, in the same network shape, data and updater.
 */
package io.rnnkit.benchmarks.dl4j;
