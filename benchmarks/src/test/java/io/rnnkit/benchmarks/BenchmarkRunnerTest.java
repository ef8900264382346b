package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

    /** A peer whose steps do a little arithmetic, or throw when asked to. */
    private record FakePeer(String name, boolean failing) implements BenchmarkPeer {
        @Override
        public String useThreads(int threads) {
            return "fake " + threads;
        }

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
        return new BenchmarkOptions(List.of(config), List.of(1, 2), true, 1, Duration.ZERO, 2, 3, Duration.ZERO, 1, 7L);
    }

    @Test
    void everySupportedPairGetsARowWithRatiosAgainstTheBest() {
        BenchmarkReport report = new BenchmarkRunner(List.of(new FakePeer("one", false), new FakePeer("two", false)))
                .run(tiny(BenchmarkConfig.C));
        // 2 cells (no GRU) × 2 thread counts × 2 peers.
        assertThat(report.rows()).hasSize(8);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.succeeded()).isTrue();
            assertThat(row.stats().samples()).isBetween(2, 3);
            assertThat(row.ratioVsBest()).isGreaterThanOrEqualTo(1.0);
            assertThat(row.threadSettings()).isEqualTo("fake " + row.threads());
            assertThat(row.scaling()).isPositive().isFinite();
        });
        assertThat(report.rows()).extracting(BenchmarkRow::threads).containsOnly(1, 2);
        assertThat(report.rows().stream().filter(r -> r.ratioVsBest() == 1.0).count()).isGreaterThanOrEqualTo(4);
        assertThat(report.rows()).filteredOn(r -> r.threads() == 1)
                .allSatisfy(r -> assertThat(r.scaling()).isEqualTo(1.0));
        assertThat(report.notes()).filteredOn(n -> n.contains("one has no GRU")).hasSize(1);
        assertThat(report.roofline()).extracting(g -> g.threads()).contains(1, 2);
        assertThat(report.roofline()).allSatisfy(g -> assertThat(g.gflopsPerSecond()).isPositive());
        assertThat(report.interleavedRoofline()).containsKeys("C/1", "C/2");
        assertThat(report.rooflineFor("C", 1)).isPositive();
        assertThat(report.rooflineFor("C", 2)).isPositive();
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

    /** A peer that logs each step it takes, and says its steps at 2 threads leave threads running. */
    private record LoggingPeer(String name, List<String> log) implements BenchmarkPeer {
        @Override
        public String useThreads(int threads) {
            log.add(name + " " + threads);
            return "logged " + threads;
        }

        @Override
        public boolean leavesThreadsRunning(int threads) {
            return name.equals("spinner") && threads == 2;
        }

        @Override
        public Optional<StepBenchmark> create(Workload workload, long seed) {
            return workload.cell() == CellType.LSTM ? Optional.of(new StepBenchmark() {
                @Override
                public void setUp() {
                }

                @Override
                public void step() {
                }

                @Override
                public void tearDown() {
                }
            }) : Optional.empty();
        }
    }

    @Test
    void rowsThatLeaveThreadsRunningAreTimedAfterAllTheOthers() {
        List<String> log = new ArrayList<>();
        BenchmarkReport report = new BenchmarkRunner(List.of(new LoggingPeer("plain", log),
                new LoggingPeer("spinner", log))).run(tiny(BenchmarkConfig.C));

        // useThreads runs once per row at set-up, then before every step, warm-up included.
        assertThat(log.subList(0, 4)).containsExactly("plain 1", "spinner 1", "plain 2", "spinner 2");
        List<String> steps = log.subList(4, log.size());
        int firstApart = steps.indexOf("spinner 2");
        assertThat(steps.subList(0, firstApart)).doesNotContain("spinner 2").hasSize(3 * (1 + 2));
        assertThat(steps.subList(firstApart, steps.size())).containsOnly("spinner 2").hasSize(1 + 2);
        // tiny(): 1 warm-up step, then minSteps (2) timed ones, as the budget is zero
        assertThat(report.rows()).hasSize(4).allSatisfy(r -> assertThat(r.stats().samples()).isEqualTo(2));
        assertThat(report.notes()).filteredOn(n -> n.startsWith("config C: the rows of spinner at 2 threads leave"))
                .hasSize(1);
    }

    @Test
    void diagnosticRowsAreNeverTheBest() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        List<BenchmarkRow> rows = BenchmarkRunner.withDerived(List.of(
                row(a, "part", true, 1, 5), row(a, "peer", false, 1, 20), row(a, "other", false, 1, 40)));
        assertThat(rows).extracting(BenchmarkRow::ratioVsBest).containsExactly(0.25, 1.0, 2.0);
    }

    @Test
    void bestIsPerThreadCountAndScalingIsOverTheSamePeersOneThreadRow() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        List<BenchmarkRow> rows = BenchmarkRunner.withDerived(List.of(
                row(a, "peer", false, 1, 20), row(a, "other", false, 1, 40),
                row(a, "peer", false, 2, 16), row(a, "other", false, 2, 10)));
        assertThat(rows).extracting(BenchmarkRow::ratioVsBest).containsExactly(1.0, 2.0, 1.6, 1.0);
        assertThat(rows).extracting(BenchmarkRow::scaling).containsExactly(1.0, 1.0, 1.25, 4.0);
    }

    @Test
    void pairedScalingSetsEachRoundAgainstTheSameRoundAtOneThread() {
        Workload a = BenchmarkConfig.A.workloads().get(0);
        // The load swings round by round; at 2 threads the peer is 1.6× as fast in every round.
        double[] one = {16, 32, 16, 48, 16, 32, 16};
        double[] two = {10, 20, 10, 30, 10, 20, 10};
        List<BenchmarkRow> rows = BenchmarkRunner.withDerived(List.of(timed(a, 1, one), timed(a, 2, two)));

        assertThat(rows.get(0).pairedScaling()).as("no pair for the 1-thread row itself").isNull();
        PairedRatio paired = rows.get(1).pairedScaling();
        assertThat(paired.median()).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(paired.low()).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(paired.high()).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(paired.pairs()).isEqualTo(7);
        assertThat(rows.get(1).scaling()).isEqualTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
    }

    private static BenchmarkRow timed(Workload workload, int threads, double[] millis) {
        return new BenchmarkRow(workload, "peer", false, threads, "", TimingStats.of(millis), Double.NaN, Double.NaN,
                null, null);
    }

    private static BenchmarkRow row(Workload workload, String peer, boolean diagnostic, int threads, double ms) {
        return new BenchmarkRow(workload, peer, diagnostic, threads, "", TimingStats.of(new double[] {ms}),
                Double.NaN, Double.NaN, null, null);
    }

    /** The CI smoke run: every configuration in quick mode; asserts numbers exist, never how fast they are. */
    @Test
    @Tag("slow")
    void quickRunProducesAPositiveFiniteNumberForEveryRow() {
        BenchmarkReport report = BenchmarkRunner.runDefault(
                BenchmarkOptions.quick(List.of(BenchmarkConfig.values()), BenchmarkOptions.defaultThreads()));
        assertThat(report.rows()).isNotEmpty();
        assertThat(report.rows()).extracting(BenchmarkRow::threads)
                .containsOnlyElementsOf(BenchmarkOptions.defaultThreads());
        // Every peer reads back the settings in force: rnnkit its pool, DL4J ND4J and OpenBLAS, PyTorch its own.
        assertThat(report.rows()).filteredOn(r -> r.peer().equals("rnnkit")).allSatisfy(r -> assertThat(
                r.threadSettings()).isEqualTo("rnnkit pool " + r.threads() + ", ND4J OpenMP 1, OpenBLAS 1"));
        assertThat(report.rows()).filteredOn(r -> r.peer().equals("DL4J stock")).allSatisfy(r -> assertThat(
                r.threadSettings()).isEqualTo("ND4J OpenMP " + r.threads() + ", OpenBLAS " + r.threads()));
        assertThat(report.notes()).noneMatch(n -> n.contains("OMP_NUM_THREADS"));
        assertThat(report.rows()).filteredOn(r -> r.peer().startsWith("PyTorch"))
                .allSatisfy(r -> assertThat(r.threadSettings()).isEqualTo("PyTorch intra-op " + r.threads()));
        assertThat(report.rows()).filteredOn(r -> r.peer().equals("ONNX Runtime")).allSatisfy(r -> assertThat(
                r.threadSettings()).isEqualTo("ONNX Runtime intra-op " + r.threads() + ", inter-op 1, sequential"));
        assertThat(report.rows()).filteredOn(r -> r.threads() == 1 && r.succeeded())
                .allSatisfy(r -> assertThat(r.scaling()).isEqualTo(1.0));
        for (int threads : BenchmarkOptions.defaultThreads()) {
            assertThat(report.roofline()).anyMatch(g -> g.threads() == threads && g.gflopsPerSecond() > 0);
        }
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
                if (config.workloads().get(0).kind() == WorkloadKind.INFERENCE) {
                    continue; // the PyTorch peer has no forward-pass-only step
                }
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
                if (workload.kind() != WorkloadKind.TRAINING) {
                    assertThat(report.rows()).as("ONNX Runtime row for " + config + " " + workload.cell())
                            .anyMatch(r -> r.workload().equals(workload) && r.peer().equals("ONNX Runtime"));
                }
            }
        }
    }
}
