package io.rnnkit.benchmarks;

/**
 * One measured (or failed) row: a peer running a workload at one thread count.
 *
 * @param workload what was run
 * @param peer peer name
 * @param diagnostic true for a diagnostic row (never the best peer)
 * @param threads the thread count asked for
 * @param threadSettings the thread settings in force for its steps, read back from each library
 * @param stats step-time statistics; null if the row failed
 * @param ratioVsBest median step time divided by the best median for the same config, cell and thread
 *     count (1.0 = the fastest peer); NaN if failed
 * @param scaling the same peer's 1-thread median over this row's median (the speed-up over 1 thread); NaN
 *     if either is missing
 * @param pairedScaling the same speed-up as the median of per-round ratios, with its 95% interval; null for
 *     1-thread rows and where either row is missing
 * @param error failure message; null on success
 */
public record BenchmarkRow(
        Workload workload,
        String peer,
        boolean diagnostic,
        int threads,
        String threadSettings,
        TimingStats stats,
        double ratioVsBest,
        double scaling,
        PairedRatio pairedScaling,
        String error) {

    /** True if the row has a measured, positive, finite step time. */
    public boolean succeeded() {
        return error == null && stats != null && Double.isFinite(stats.medianMs()) && stats.medianMs() > 0;
    }

    /** Tokens per second at the median step time; NaN if failed. */
    public double tokensPerSecond() {
        return succeeded() ? workload.tokensPerStep() / (stats.medianMs() / 1000.0) : Double.NaN;
    }

    /**
     * GFLOP/s at the median step time, by {@link Workload#flopsPerStep()}; NaN if failed, and for
     * diagnostic rows, which run only part of the workload's network.
     */
    public double gflopsPerSecond() {
        return succeeded() && !diagnostic ? workload.flopsPerStep() / (stats.medianMs() * 1e6) : Double.NaN;
    }

    /** A copy with the given ratio and scalings. */
    public BenchmarkRow withDerived(double ratio, double speedUp, PairedRatio pairedSpeedUp) {
        return new BenchmarkRow(workload, peer, diagnostic, threads, threadSettings, stats, ratio, speedUp,
                pairedSpeedUp, error);
    }
}
