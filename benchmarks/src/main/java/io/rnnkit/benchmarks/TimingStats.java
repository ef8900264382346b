package io.rnnkit.benchmarks;

import java.util.Arrays;

/**
 * Order statistics of a list of step times, in milliseconds.
 *
 * @param samples number of timed steps
 * @param medianMs median step time
 * @param p10Ms 10th percentile (nearest rank)
 * @param p90Ms 90th percentile (nearest rank)
 * @param minMs fastest step
 * @param millisInRunOrder every step time, in the order the steps ran (the k-th in round k of an interleaved run)
 */
public record TimingStats(int samples, double medianMs, double p10Ms, double p90Ms, double minMs,
                          double[] millisInRunOrder) {

    /** Statistics of the given step times in milliseconds; throws if there are none. */
    public static TimingStats of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("millis must hold at least one sample, got 0");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new TimingStats(n, medianOfSorted(sorted), percentile(sorted, 0.10), percentile(sorted, 0.90), sorted[0],
                millis.clone());
    }

    /** A copy of the step times in run order. */
    @Override
    public double[] millisInRunOrder() {
        return millisInRunOrder.clone();
    }

    /** The middle value of sorted values, or the mean of the middle two for an even count. */
    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
