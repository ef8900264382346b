package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkConfigTest {

    @Test
    void parsesCaseInsensitiveListWithoutDuplicates() {
        assertThat(BenchmarkConfig.parseList("a, C,c")).containsExactly(BenchmarkConfig.A, BenchmarkConfig.C);
    }

    @Test
    void unknownConfigIsNamed() {
        assertThatThrownBy(() -> BenchmarkConfig.parseList("A,E"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'E'");
    }

    @Test
    void shapesMatchIssueSeven() {
        Workload b = BenchmarkConfig.B.workloads().get(0);
        assertThat(List.of(b.layers(), b.hidden(), b.timeSteps(), b.batch(), b.vocab()))
                .containsExactly(2, 650, 35, 20, 10_000);
        assertThat(BenchmarkConfig.C.workloads()).extracting(Workload::cell)
                .containsExactly(CellType.SIMPLE_RNN, CellType.LSTM, CellType.GRU);
        assertThat(BenchmarkConfig.C.workloads()).allSatisfy(w -> {
            assertThat(w.hidden()).isEqualTo(256);
            assertThat(w.batch()).isEqualTo(32);
            assertThat(w.vocab()).isEqualTo(65);
        });
        assertThat(BenchmarkConfig.D.workloads()).allSatisfy(w -> assertThat(w.kind()).isEqualTo(WorkloadKind.SAMPLING));
    }
}
