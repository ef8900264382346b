package io.rnnkit.benchmarks;

/**
 * One measured (or failed) row: a peer running a workload.
 *
 * @param workload what was run
 * @param peer peer name
 * @param diagnostic true for a diagnostic row (never the best peer)
 * @param stats step-time statistics; null if the row failed
 * @param ratioVsBest median step time divided by the best median for the same config and cell
 *     (1.0 = the fastest peer); NaN if failed
 * @param error failure message; null on success
 */
public record BenchmarkRow(
        Workload workload, String peer, boolean diagnostic, TimingStats stats, double ratioVsBest, String error) {

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

    /** A copy with the given ratio. */
    public BenchmarkRow withRatio(double ratio) {
        return new BenchmarkRow(workload, peer, diagnostic, stats, ratio, error);
    }
}
