package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void intervalRanksAreTheSignTestsOrderStatistics() {
        // P(B ≤ 0) = 1/64 ≤ 0.025 for n = 6, 1/32 > 0.025 for n = 5; P(B ≤ 13) = 0.0192 and P(B ≤ 14) = 0.0403 for n = 40
        assertThat(PairedRatio.intervalRank(5)).isZero();
        assertThat(PairedRatio.intervalRank(6)).isEqualTo(1);
        assertThat(PairedRatio.intervalRank(40)).isEqualTo(14);
        assertThat(PairedRatio.intervalRank(300)).isEqualTo(133);
    }

    @Test
    void medianAndIntervalOfTheRoundRatios() {
        double[] base = {10, 20, 30, 40, 50, 60};
        double[] other = {5, 10, 10, 40, 25, 120};

        PairedRatio ratio = PairedRatio.of(base, other);

        // ratios 2, 2, 3, 1, 2, 0.5: sorted 0.5, 1, 2, 2, 2, 3
        assertThat(ratio.median()).isEqualTo(2.0);
        assertThat(ratio.low()).isEqualTo(0.5);
        assertThat(ratio.high()).isEqualTo(3.0);
        assertThat(ratio.pairs()).isEqualTo(6);
        assertThat(ratio.surelyBelow(1.0)).isFalse();
        assertThat(ratio.surelyBelow(3.5)).isTrue();
    }

    @Test
    void pairsOnlyTheRoundsBothRowsHave() {
        PairedRatio ratio = PairedRatio.of(new double[] {4, 6, 8}, new double[] {2, 2});

        assertThat(ratio.pairs()).isEqualTo(2);
        assertThat(ratio.median()).isEqualTo(2.5);
        assertThat(ratio.low()).isNaN();
        assertThat(ratio.high()).isNaN();
    }

    @Test
    void aSharedDriftCancelsInThePairs() {
        // Both rows slow down together round by round (a noisy neighbour); one is always 1.25× the other.
        int n = 40;
        double[] slow = new double[n];
        double[] fast = new double[n];
        for (int k = 0; k < n; k++) {
            double load = 1 + 0.5 * Math.sin(k);
            slow[k] = 12.5 * load;
            fast[k] = 10 * load;
        }

        PairedRatio ratio = PairedRatio.of(slow, fast);

        assertThat(ratio.low()).isEqualTo(1.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ratio.high()).isEqualTo(1.25, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void refusesEmptyRowsAndNonPositiveTimes() {
        assertThatThrownBy(() -> PairedRatio.of(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timed steps");
        assertThatThrownBy(() -> PairedRatio.of(new double[] {1, 0}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round 1");
    }
}
