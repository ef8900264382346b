package io.rnnkit.benchmarks.memory;

import io.rnnkit.benchmarks.Workload;

/**
 * One peer's peak resident memory on one workload, measured in a child JVM of its own.
 *
 * @param workload what the child trained
 * @param peer peer name
 * @param threads the thread count the child gave the peer
 * @param steps training steps the child took
 * @param peakRssKb the child's VmHWM in kB; -1 if it failed
 * @param error one-line failure; null on success
 */
public record MemoryRow(Workload workload, String peer, int threads, int steps, long peakRssKb, String error) {

    /** True if the child reported a figure. */
    public boolean succeeded() {
        return error == null && peakRssKb > 0;
    }

    /** Peak RSS in MB (2^20 bytes); NaN if failed. */
    public double peakRssMb() {
        return succeeded() ? peakRssKb / 1024.0 : Double.NaN;
    }
}
