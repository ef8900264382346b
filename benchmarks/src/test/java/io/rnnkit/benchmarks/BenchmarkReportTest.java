package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.benchmarks.gemm.GemmMeasurement;
import io.rnnkit.benchmarks.gemm.GemmShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

    private static BenchmarkReport sample() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        BenchmarkRow fast = new BenchmarkRow(a, "fast", false, TimingStats.of(new double[] {10, 10, 10}), Double.NaN, null);
        BenchmarkRow slow = new BenchmarkRow(a, "slow", false, TimingStats.of(new double[] {40, 40, 40}), Double.NaN, null);
        return new BenchmarkReport(BenchmarkOptions.quick(List.of(BenchmarkConfig.A)),
                new MachineInfo(Map.of("cpu", "Test \"CPU\"")),
                List.of(new GemmMeasurement(new GemmShape(2, 2, 2), "cblas_sgemm", 1.0, 100.0)),
                Map.of("A", new GemmMeasurement(new GemmShape(2, 2, 2), "interleaved", 1.0, 50.0)),
                BenchmarkRunner.withRatios(List.of(fast, slow)), List.of("a note"), 1.5);
    }

    @Test
    void derivedFiguresFromTheMedian() {
        BenchmarkRow slow = sample().rows().get(1);
        assertThat(slow.ratioVsBest()).isEqualTo(4.0);
        assertThat(slow.tokensPerSecond()).isEqualTo(700 / 0.040, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(slow.gflopsPerSecond()).isEqualTo(slow.workload().flopsPerStep() / 40e6,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void markdownHasTheTableRooflineAndConvention() {
        String md = sample().toMarkdown();
        assertThat(md).contains("| A | LSTM | slow | 40.00 | 40.00–40.00 | 3 | 17,500 |")
                .contains("| [2×2]×[2×2] | cblas_sgemm | 1.00 | 100.0 |")
                .contains("8·H·(I+H)")
                .contains(String.format(java.util.Locale.ROOT, "| %.1f%% |", 100 * sample().rows().get(1).gflopsPerSecond() / 50.0))
                .contains("- a note");
    }

    @Test
    void jsonEscapesStringsAndCarriesEveryRow() {
        String json = sample().toJson();
        assertThat(json).contains("\"cpu\": \"Test \\\"CPU\\\"\"")
                .contains("\"peer\": \"fast\"").contains("\"peer\": \"slow\"")
                .contains("\"ratioVsBest\": 4.00000")
                .contains("\"gflopsPerSecond\": 100.000")
                .contains("\"A\": {\"m\": 2");
    }
}
