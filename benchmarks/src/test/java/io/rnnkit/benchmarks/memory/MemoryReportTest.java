package io.rnnkit.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.benchmarks.BenchmarkConfig;
import io.rnnkit.benchmarks.MachineInfo;
import io.rnnkit.benchmarks.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryReportTest {

    private static MemoryReport sample() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        return new MemoryReport(new MachineInfo(Map.of("cpu", "test")), List.of("-Xmx4g"),
                List.of(new MemoryRow(a, "fast", 2, 5, 512_000, null),
                        new MemoryRow(a, "broken", 2, 5, -1, "child JVM exited 1: boom")), 3.0);
    }

    @Test
    void markdownHasOneRowPerPeerInMegabytesAndTheFailure() {
        assertThat(sample().toMarkdown()).contains("| A | LSTM | fast | 2 | 5 | 500 |")
                .contains("| A | LSTM | broken | 2 | 5 | failed: child JVM exited 1: boom |")
                .contains("`-Xmx4g`");
        assertThat(sample().allRowsSucceeded()).isFalse();
    }

    @Test
    void jsonCarriesEveryRow() {
        assertThat(sample().toJson())
                .contains("\"peer\": \"fast\", \"threads\": 2, \"steps\": 5, \"peakRssMb\": 500.000")
                .contains("\"peakRssMb\": null, \"error\": \"child JVM exited 1: boom\"");
    }
}
