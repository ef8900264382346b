package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

    /** A peer whose steps do a little arithmetic, or throw when asked to. */
    private record FakePeer(String name, boolean failing) implements BenchmarkPeer {
        @Override
        public Optional<StepBenchmark> create(Workload workload, long seed) {
            return workload.cell() == CellType.GRU ? Optional.empty() : Optional.of(new StepBenchmark() {
                private double sink;

                @Override
                public void setUp() {
                }

                @Override
                public void step() {
                    if (failing) {
                        throw new IllegalStateException("boom in " + workload.config());
                    }
                    for (int i = 0; i < 10_000; i++) {
                        sink += Math.sqrt(i);
                    }
                }

                @Override
                public void tearDown() {
                }
            });
        }
    }

    private static BenchmarkOptions tiny(BenchmarkConfig config) {
        return new BenchmarkOptions(List.of(config), true, 1, Duration.ZERO, 2, 3, Duration.ZERO, 1, 7L);
    }

    @Test
    void everySupportedPairGetsARowWithRatiosAgainstTheBest() {
        BenchmarkReport report = new BenchmarkRunner(List.of(new FakePeer("one", false), new FakePeer("two", false)))
                .run(tiny(BenchmarkConfig.C));
        assertThat(report.rows()).hasSize(4);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.succeeded()).isTrue();
            assertThat(row.stats().samples()).isBetween(2, 3);
            assertThat(row.ratioVsBest()).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(report.rows().stream().filter(r -> r.ratioVsBest() == 1.0).count()).isGreaterThanOrEqualTo(2);
        assertThat(report.notes()).anyMatch(n -> n.contains("one has no GRU"));
        assertThat(report.roofline()).isNotEmpty().allSatisfy(g -> assertThat(g.gflopsPerSecond()).isPositive());
        assertThat(report.interleavedRoofline()).containsKey("C");
        assertThat(report.rooflineFor("C")).isPositive();
        assertThat(report.allRowsSucceeded()).isTrue();
    }

    @Test
    void aFailingPeerYieldsAFailedRowWithItsMessage() {
        BenchmarkReport report = new BenchmarkRunner(List.of(new FakePeer("ok", false), new FakePeer("bad", true)))
                .run(tiny(BenchmarkConfig.A));
        BenchmarkRow bad = report.rows().stream().filter(r -> r.peer().equals("bad")).findFirst().orElseThrow();
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.error()).contains("boom in A");
        assertThat(report.allRowsSucceeded()).isFalse();
        assertThat(report.toMarkdown()).contains("failed: step: java.lang.IllegalStateException: boom in A");
        assertThat(report.toJson()).contains("\"peer\": \"bad\"").contains("\"medianMs\": null");
    }

    @Test
    void diagnosticRowsAreNeverTheBest() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        List<BenchmarkRow> rows = BenchmarkRunner.withRatios(List.of(
                new BenchmarkRow(a, "part", true, TimingStats.of(new double[] {5}), Double.NaN, null),
                new BenchmarkRow(a, "peer", false, TimingStats.of(new double[] {20}), Double.NaN, null),
                new BenchmarkRow(a, "other", false, TimingStats.of(new double[] {40}), Double.NaN, null)));
        assertThat(rows).extracting(BenchmarkRow::ratioVsBest).containsExactly(0.25, 1.0, 2.0);
    }

    /** The CI smoke run: every configuration in quick mode; asserts numbers exist, never how fast they are. */
    @Test
    @Tag("slow")
    void quickRunProducesAPositiveFiniteNumberForEveryRow() {
        BenchmarkReport report = BenchmarkRunner.runDefault(BenchmarkOptions.quick(List.of(BenchmarkConfig.values())));
        assertThat(report.rows()).isNotEmpty();
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.error()).as(row.peer() + " " + row.workload().describe()).isNull();
            assertThat(row.stats().medianMs()).isPositive().isFinite();
            assertThat(row.tokensPerSecond()).isPositive().isFinite();
            if (!row.diagnostic()) {
                assertThat(row.gflopsPerSecond()).isPositive().isFinite();
            }
            assertThat(row.ratioVsBest()).isFinite().isPositive();
            if (!row.diagnostic()) {
                assertThat(row.ratioVsBest()).isGreaterThanOrEqualTo(1.0);
            }
        });
        assertThat(report.bestGemmGflops()).isPositive().isFinite();
        for (BenchmarkConfig config : BenchmarkConfig.values()) {
            assertThat(report.rows()).anyMatch(r -> r.workload().config().equals(config.name()) && r.peer().equals("DL4J stock"));
        }
        if (Boolean.getBoolean("rnnkit.bench.expectPyTorch")) {
            for (BenchmarkConfig config : BenchmarkConfig.values()) {
                assertThat(report.rows()).as("PyTorch row for config " + config)
                        .anyMatch(r -> r.workload().config().equals(config.name()) && r.peer().startsWith("PyTorch"));
            }
        }
        for (BenchmarkConfig config : BenchmarkConfig.values()) {
            for (Workload workload : config.workloads()) {
                assertThat(report.rows()).as("rnnkit row for " + config + " " + workload.cell())
                        .anyMatch(r -> r.workload().equals(workload) && r.peer().equals("rnnkit"));
                if (workload.kind() == WorkloadKind.SAMPLING) {
                    assertThat(report.rows()).as("rnnkit stepper row for " + workload.cell())
                            .anyMatch(r -> r.workload().equals(workload) && r.peer().equals("rnnkit stepper"));
                }
            }
        }
    }
}
