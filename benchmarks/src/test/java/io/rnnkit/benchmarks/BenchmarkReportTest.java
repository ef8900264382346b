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
        return new BenchmarkReport(BenchmarkOptions.quick(List.of(BenchmarkConfig.A), List.of(1, 2)),
                new MachineInfo(Map.of("cpu", "Test \"CPU\"")),
                List.of(new GemmMeasurement(new GemmShape(2, 2, 2), 1, "cblas_sgemm", 1.0, 100.0),
                        new GemmMeasurement(new GemmShape(2, 2, 2), 2, "cblas_sgemm", 0.5, 200.0)),
                Map.of("A/1", new GemmMeasurement(new GemmShape(2, 2, 2), 1, "interleaved", 1.0, 50.0),
                        "A/2", new GemmMeasurement(new GemmShape(2, 2, 2), 2, "interleaved", 0.5, 100.0)),
                BenchmarkRunner.withDerived(List.of(row(a, "fast", 1, 10), row(a, "slow", 1, 40),
                        row(a, "fast", 2, 8), row(a, "slow", 2, 20))),
                List.of("a note"), 1.5);
    }

    private static BenchmarkRow row(Workload workload, String peer, int threads, double ms) {
        return new BenchmarkRow(workload, peer, false, threads, peer + " settings at " + threads,
                TimingStats.of(new double[] {ms, ms, ms}), Double.NaN, Double.NaN, null, null);
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
        assertThat(md).contains("| A | LSTM | slow | 1 | 40.00 | 40.00–40.00 | 3 | 17,500 |")
                .contains("| [2×2]×[2×2] | cblas_sgemm | 1 | 1.00 | 100.0 |")
                .contains("| [2×2]×[2×2] | cblas_sgemm | 2 | 0.50 | 200.0 |")
                .contains("| [2×2]×[2×2] | interleaved | 2 | 0.50 | 100.0 |")
                .contains("| slow | 2 | slow settings at 2 |")
                .contains("8·H·(I+H)")
                .contains(String.format(java.util.Locale.ROOT, "| %.1f%% | 4.00 | 1.00× |",
                        100 * sample().rows().get(1).gflopsPerSecond() / 50.0))
                .contains(String.format(java.util.Locale.ROOT, "| %.1f%% | 2.50 | 2.00× | 2.00× (too few rounds) |",
                        100 * sample().rows().get(3).gflopsPerSecond() / 100.0))
                .contains("| 4.00 | 1.00× | — |")
                .contains("- a note");
    }

    @Test
    void rnnkitRowsAreSetAgainstOnnxRuntimeInTheSameConfigCellAndThreadCount() {
        Workload d = BenchmarkConfig.D.workloads().get(1);
        Workload otherCell = BenchmarkConfig.D.workloads().get(0);
        BenchmarkReport report = new BenchmarkReport(BenchmarkOptions.quick(List.of(BenchmarkConfig.D), List.of(1, 2)),
                new MachineInfo(Map.of()), List.of(), Map.of(),
                BenchmarkRunner.withDerived(List.of(row(d, "rnnkit stepper", 1, 10), row(d, "rnnkit", 1, 50),
                        row(d, "ONNX Runtime", 1, 20), row(d, "DL4J stock", 1, 80), row(d, "rnnkit stepper", 2, 9),
                        row(otherCell, "ONNX Runtime", 2, 5))),
                List.of(), 1.0);

        assertThat(report.overOnnxRuntime()).containsExactly(
                new BenchmarkReport.OnnxRuntimeRatio("D", CellType.LSTM, 1, "rnnkit stepper", 2.0),
                new BenchmarkReport.OnnxRuntimeRatio("D", CellType.LSTM, 1, "rnnkit", 0.4));
        assertThat(report.rows().get(2).ratioVsBest()).as("ONNX Runtime competes for the best").isEqualTo(2.0);
        assertThat(report.toMarkdown()).contains("### rnnkit over ONNX Runtime")
                .contains("| D | LSTM | 1 | rnnkit stepper | 2.00× |")
                .contains("| D | LSTM | 1 | rnnkit | 0.40× |");
        assertThat(report.toJson()).contains("{\"config\": \"D\", \"cell\": \"LSTM\", \"threads\": 1,"
                + " \"peer\": \"rnnkit stepper\", \"ratio\": 2.00000}");
    }

    @Test
    void namesTheRowsWhosePairedIntervalLiesBelowOne() {
        Workload c = BenchmarkConfig.C.workloads().get(0);
        double[] one = {10, 12, 10, 14, 10, 12, 10, 11};
        double[] slowerInEveryRound = {11, 13, 12, 15, 11, 13, 12, 12};
        double[] fasterInSomeRounds = {9, 13, 9, 15, 9, 13, 9, 12};
        BenchmarkReport report = new BenchmarkReport(BenchmarkOptions.quick(List.of(BenchmarkConfig.C), List.of(1, 2)),
                new MachineInfo(Map.of()), List.of(), Map.of(),
                BenchmarkRunner.withDerived(List.of(timed(c, "slow", 1, one), timed(c, "even", 1, one),
                        timed(c, "slow", 2, slowerInEveryRound), timed(c, "even", 2, fasterInSomeRounds))),
                List.of(), 1.0);

        assertThat(report.slowerWithMoreThreads()).extracting(BenchmarkRow::peer).containsExactly("slow");
        assertThat(report.toMarkdown()).contains("paired interval wholly below 1.00×): C " + c.cell().label()
                + " slow at 2.");
        assertThat(sample().toMarkdown()).doesNotContain("wholly below");
    }

    private static BenchmarkRow timed(Workload workload, String peer, int threads, double[] millis) {
        return new BenchmarkRow(workload, peer, false, threads, "", TimingStats.of(millis), Double.NaN, Double.NaN,
                null, null);
    }

    @Test
    void noOnnxRuntimeRowsNoComparison() {
        assertThat(sample().overOnnxRuntime()).isEmpty();
        assertThat(sample().toMarkdown()).doesNotContain("over ONNX Runtime");
    }

    @Test
    void jsonEscapesStringsAndCarriesEveryRow() {
        String json = sample().toJson();
        assertThat(json).contains("\"cpu\": \"Test \\\"CPU\\\"\"")
                .contains("\"peer\": \"fast\"").contains("\"peer\": \"slow\"")
                .contains("\"ratioVsBest\": 4.00000")
                .contains("\"threads\": 2, \"threadSettings\": \"slow settings at 2\"")
                .contains("\"scaling\": 2.00000, \"pairedScaling\": {\"median\": 2.00000, \"low\": null,"
                        + " \"high\": null, \"pairs\": 3}, \"stepMillis\": [20.0000, 20.0000, 20.0000]")
                .contains("\"scaling\": 1.00000, \"pairedScaling\": null, \"stepMillis\": [40.0000, 40.0000, 40.0000]")
                .contains("\"threads\": [1, 2]")
                .contains("\"m\": 2, \"n\": 2, \"k\": 2, \"threads\": 2, \"method\": \"cblas_sgemm\"")
                .contains("\"gflopsPerSecond\": 100.000")
                .contains("\"A/2\": {\"m\": 2");
    }
}
