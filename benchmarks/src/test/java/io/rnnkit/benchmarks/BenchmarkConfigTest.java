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
        assertThatThrownBy(() -> BenchmarkConfig.parseList("A,F"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configs: unknown config 'F', expected A, B, C, D or E");
    }

    @Test
    void parsesTheForwardPassConfig() {
        assertThat(BenchmarkConfig.parseList("d,E")).containsExactly(BenchmarkConfig.D, BenchmarkConfig.E);
    }

    @Test
    void configEIsABatch32ForwardPassOfTheCharNetwork() {
        assertThat(BenchmarkConfig.E.workloads()).extracting(Workload::cell)
                .containsExactly(CellType.SIMPLE_RNN, CellType.LSTM, CellType.GRU);
        assertThat(BenchmarkConfig.E.workloads()).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo(WorkloadKind.INFERENCE);
            assertThat(List.of(w.layers(), w.hidden(), w.inputSize(), w.timeSteps(), w.batch(), w.vocab()))
                    .containsExactly(1, 256, 65, 35, 32, 65);
            // A forward pass only: the FLOPs are not tripled as for training.
            assertThat(w.flopsPerStep()).isEqualTo(w.forwardFlopsPerToken() * 32 * 35);
        });
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
