package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void configAFlopsFollowTheStatedConvention() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        // two LSTM layers 8·200·(200+200) plus the 2·200·10000 softmax projection
        assertThat(a.forwardFlopsPerToken()).isEqualTo(2 * 8.0 * 200 * 400 + 2.0 * 200 * 10_000);
        assertThat(a.tokensPerStep()).isEqualTo(700);
        assertThat(a.flopsPerStep()).isEqualTo(3 * a.forwardFlopsPerToken() * 700);
    }

    @Test
    void samplingCountsForwardFlopsOnly() {
        Workload gru = BenchmarkConfig.D.workloads().stream().filter(w -> w.cell() == CellType.GRU).findFirst().orElseThrow();
        assertThat(gru.batch()).isEqualTo(1);
        assertThat(gru.flopsPerStep()).isEqualTo((6.0 * 256 * (65 + 256) + 2.0 * 256 * 65) * 35);
    }

    @Test
    void rejectsNonPositiveSizesNamingTheField() {
        assertThatThrownBy(() -> new Workload("A", WorkloadKind.TRAINING, CellType.LSTM, 2, 0, 200, 35, 20, 10_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden").hasMessageContaining("0");
    }
}
