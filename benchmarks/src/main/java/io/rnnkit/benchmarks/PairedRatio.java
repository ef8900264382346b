package io.rnnkit.benchmarks;

import java.util.Arrays;

/**
 * The median of per-round ratios between two rows timed in the same rounds, with a 95% confidence
 * interval for it that assumes nothing about the distribution: the order statistics a sign test puts
 * around a median. Two rows of one run share each round's load (the rows run back to back, round after
 * round), so the ratio of their times in a round cancels much of the VM's drift that separate medians
 * keep.
 *
 * @param median median of numerator[k] / denominator[k] over the rounds k both rows have
 * @param low lower end of the 95% interval; NaN when there are too few rounds for one (fewer than 6)
 * @param high upper end of the 95% interval; NaN likewise
 * @param pairs the number of rounds paired
 */
public record PairedRatio(double median, double low, double high, int pairs) {

    /** Two-sided level of the interval. */
    static final double CONFIDENCE = 0.95;

    /**
     * The ratios numerator[k] / denominator[k] for k below both lengths (the k-th timed step of each row
     * ran in round k); throws if there are none or a time is not positive.
     */
    public static PairedRatio of(double[] numerators, double[] denominators) {
        int n = Math.min(numerators.length, denominators.length);
        if (n == 0) {
            throw new IllegalArgumentException("both rows need timed steps, got " + numerators.length + " and "
                    + denominators.length);
        }
        double[] ratios = new double[n];
        for (int k = 0; k < n; k++) {
            if (!(numerators[k] > 0) || !(denominators[k] > 0)) {
                throw new IllegalArgumentException("step times must be positive, got " + numerators[k] + " and "
                        + denominators[k] + " in round " + k);
            }
            ratios[k] = numerators[k] / denominators[k];
        }
        Arrays.sort(ratios);
        double median = TimingStats.medianOfSorted(ratios);
        int rank = intervalRank(n);
        if (rank < 1) {
            return new PairedRatio(median, Double.NaN, Double.NaN, n);
        }
        return new PairedRatio(median, ratios[rank - 1], ratios[n - rank], n);
    }

    /** True when the whole interval lies below {@code bound}. */
    public boolean surelyBelow(double bound) {
        return high < bound;
    }

    /**
     * The largest rank k (1-based) with P(B ≤ k − 1) ≤ (1 − {@link #CONFIDENCE}) / 2 for B ~ Binomial(n, ½), or 0
     * if even k = 1 misses it: [x(k), x(n − k + 1)] then covers the median with at least the confidence.
     */
    static int intervalRank(int n) {
        double tail = (1 - CONFIDENCE) / 2;
        double logHalfPowN = n * Math.log(0.5);
        double logChoose = 0; // log C(n, i), i = 0
        double cumulative = 0;
        int rank = 0;
        for (int i = 0; i <= n / 2; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            cumulative += Math.exp(logChoose + logHalfPowN);
            if (cumulative > tail) {
                break;
            }
            rank = i + 1;
        }
        return rank;
    }
}
