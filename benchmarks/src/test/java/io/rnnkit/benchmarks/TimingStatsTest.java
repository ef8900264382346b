package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimingStatsTest {

    @Test
    void medianAndNearestRankPercentiles() {
        TimingStats stats = TimingStats.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
        assertThat(stats.samples()).isEqualTo(10);
        assertThat(stats.medianMs()).isEqualTo(5.5);
        assertThat(stats.p10Ms()).isEqualTo(1);
        assertThat(stats.p90Ms()).isEqualTo(9);
        assertThat(stats.minMs()).isEqualTo(1);
    }

    @Test
    void singleSample() {
        TimingStats stats = TimingStats.of(new double[] {3});
        assertThat(stats.medianMs()).isEqualTo(3);
        assertThat(stats.p10Ms()).isEqualTo(3);
        assertThat(stats.p90Ms()).isEqualTo(3);
    }

    @Test
    void rejectsNoSamples() {
        assertThatThrownBy(() -> TimingStats.of(new double[0])).hasMessageContaining("millis");
    }
}
