package io.rnnkit.benchmarks;

import io.rnnkit.benchmarks.dl4j.Dl4jPeer;
import io.rnnkit.benchmarks.dl4j.HeapStepperPeer;
import io.rnnkit.benchmarks.gemm.GemmMeasurement;
import io.rnnkit.benchmarks.gemm.GemmProbe;
import io.rnnkit.benchmarks.gemm.GemmRoofline;
import io.rnnkit.benchmarks.onnxruntime.OnnxRuntimePeer;
import io.rnnkit.benchmarks.threads.Nd4jThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the side-by-side benchmark in one process: the sgemm roofline at every thread count, then per
 * config one row per (workload, thread count, peer), set up together, warmed up, and timed interleaved
 * round-robin: each round runs every row once, and the start row rotates each round, so each row takes every
 * place in the round in turn. Before each step the row's peer gets the row's thread count
 * ({@link BenchmarkPeer#useThreads}). One roofline GEMM per thread count is timed in every round too, so
 * each config's "% of sgemm" compares figures taken under the same load. Rows whose peer
 * {@link BenchmarkPeer#leavesThreadsRunning leaves threads running} after a step (stock DL4J at 2 threads) would
 * slow whichever row follows them: they are timed after the others, in rounds of their own, and the report's notes
 * say so.
 */
public final class BenchmarkRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    private final List<BenchmarkPeer> peers;

    /** A runner over the given peers, in report order. */
    public BenchmarkRunner(List<BenchmarkPeer> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("peers must not be empty");
        }
        this.peers = List.copyOf(peers);
    }

    /**
     * rnnkit, stock DL4J, the rnnkit stepper, the output-layer diagnostic and ONNX Runtime (where its jar is on the
     * classpath: the app jar leaves it out), plus every {@link BenchmarkPeer} service on the classpath (PyTorch with
     * -Ppeers).
     */
    public static List<BenchmarkPeer> defaultPeers() {
        List<BenchmarkPeer> all = new ArrayList<>(List.of(Dl4jPeer.rnnkit(), Dl4jPeer.stock()));
        all.add(new HeapStepperPeer());
        all.add(Dl4jPeer.outputLayerOnly());
        try {
            addIfAvailable(all, new OnnxRuntimePeer());
        } catch (LinkageError e) {
            LOG.warn("skipping the ONNX Runtime peer: {}", e.toString());
        }
        Iterator<BenchmarkPeer> services = ServiceLoader.load(BenchmarkPeer.class).iterator();
        while (true) {
            try {
                if (!services.hasNext()) {
                    break;
                }
                addIfAvailable(all, services.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // Stale peer classes from an earlier -Ppeers build, without their libraries.
                LOG.warn("skipping a benchmark peer that cannot load: {}", e.toString());
            }
        }
        return all;
    }

    private static void addIfAvailable(List<BenchmarkPeer> all, BenchmarkPeer peer) {
        if (peer.available()) {
            all.add(peer);
        } else {
            LOG.warn("skipping benchmark peer {}: its libraries are not on the classpath", peer.name());
        }
    }

    /** Runs with {@link #defaultPeers()}. */
    public static BenchmarkReport runDefault(BenchmarkOptions options) {
        return new BenchmarkRunner(defaultPeers()).run(options);
    }

    /** Measures everything the options ask for and returns the report. */
    public BenchmarkReport run(BenchmarkOptions options) {
        long start = System.nanoTime();
        MachineInfo machine = MachineInfo.capture(GemmRoofline.blasThreads());
        for (BenchmarkPeer peer : peers) {
            if (!peer.settings().isEmpty()) {
                machine = machine.with(peer.name(), peer.settings());
            }
        }
        List<String> notes = new ArrayList<>(threadNotes(options.threads()));
        if (peers.stream().noneMatch(p -> p.name().startsWith("PyTorch"))) {
            notes.add("PyTorch peer not on the classpath: build and run with -Ppeers to include it.");
        }
        if (peers.stream().noneMatch(p -> p.name().equals(OnnxRuntimePeer.NAME))) {
            notes.add("ONNX Runtime peer not on the classpath (the app jar leaves it out): run BenchmarkMain from the"
                    + " benchmarks module (RESULTS.md, Command) to include it.");
        }
        List<GemmMeasurement> roofline = new ArrayList<>();
        for (int threads : options.threads()) {
            LOG.info("sgemm roofline at {} threads", threads);
            roofline.addAll(new GemmRoofline(options.quick() ? 1 : 3, options.gemmTimedCalls())
                    .measure(GemmRoofline.DEFAULT_SHAPES, threads));
        }
        List<BenchmarkRow> rows = new ArrayList<>();
        Map<String, GemmMeasurement> interleaved = new LinkedHashMap<>();
        for (BenchmarkConfig config : options.configs()) {
            List<GemmProbe> probes = options.threads().stream()
                    .map(threads -> new GemmProbe(GemmRoofline.PTB_MEDIUM_PROJECTION, threads)).toList();
            try {
                rows.addAll(runConfig(config, options, notes, probes));
                for (int i = 0; i < probes.size(); i++) {
                    interleaved.put(BenchmarkReport.probeKey(config.name(), options.threads().get(i)),
                            probes.get(i).result("cblas_sgemm, interleaved in config " + config.name()));
                }
            } finally {
                probes.forEach(GemmProbe::close);
            }
        }
        machine = machine.with("load average at end", MachineInfo.loadAverage());
        double wall = (System.nanoTime() - start) / 1e9;
        return new BenchmarkReport(options, machine, roofline, interleaved, withDerived(rows), notes, wall);
    }

    /** Says so when ND4J's ops cannot reach a requested count: OMP_NUM_THREADS at start caps them for good. */
    private static List<String> threadNotes(List<Integer> threads) {
        int limit = Nd4jThreads.startupLimit();
        int most = threads.get(threads.size() - 1);
        if (limit >= most) {
            return List.of();
        }
        return List.of("ND4J's own ops were capped at " + limit + " thread(s) for the whole run by OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)") + " at start, below the " + most
                + " asked for; start the benchmark with OMP_NUM_THREADS unset (RESULTS.md, Command).");
    }

    private List<BenchmarkRow> runConfig(BenchmarkConfig config, BenchmarkOptions options, List<String> notes,
            List<GemmProbe> probes) {
        List<BenchmarkCase> cases = new ArrayList<>();
        for (Workload workload : config.workloads()) {
            for (int threads : options.threads()) {
                for (BenchmarkPeer peer : peers) {
                    if (!peer.covers(workload.kind())) {
                        continue;
                    }
                    Optional<StepBenchmark> benchmark = peer.create(workload, options.seed());
                    if (benchmark.isPresent()) {
                        cases.add(new BenchmarkCase(workload, peer, threads, benchmark.get()));
                    } else if (!peer.diagnostic() && threads == options.threads().get(0)) {
                        notes.add("config " + config.name() + ": " + peer.name() + " has no "
                                + workload.cell().label() + " for this workload; no row.");
                    }
                }
            }
        }
        LOG.info("config {}: {} rows, setting up", config.name(), cases.size());
        List<BenchmarkCase> together = cases.stream().filter(c -> !c.apart()).toList();
        List<BenchmarkCase> apart = cases.stream().filter(BenchmarkCase::apart).toList();
        try {
            cases.forEach(BenchmarkCase::setUp);
            // Each round runs every (peer, threads) row once; the budget grows with the thread counts.
            timeInRounds(together, probes, options, options.budgetPerConfig().multipliedBy(options.threads().size()));
            timeInRounds(apart, List.of(), options, options.budgetPerConfig().dividedBy(2));
        } finally {
            cases.forEach(BenchmarkCase::tearDown);
        }
        if (!apart.isEmpty()) {
            notes.add(apartNote(config, apart));
        }
        List<BenchmarkRow> rows = cases.stream().map(BenchmarkCase::toRow).toList();
        rows.forEach(r -> LOG.info("config {} {} {} at {} threads ({}): {}", config.name(), r.workload().cell().label(),
                r.peer(), r.threads(), r.threadSettings(),
                r.succeeded() ? String.format("%.2f ms/step", r.stats().medianMs()) : r.error()));
        return rows;
    }

    /**
     * Warms the cases up, then times them round-robin until each has {@code minSteps} timed steps and the budget is
     * spent, or each has {@code maxSteps}. The start row rotates each round, and the probes are timed once a round.
     */
    private static void timeInRounds(List<BenchmarkCase> cases, List<GemmProbe> probes, BenchmarkOptions options,
            Duration budget) {
        if (cases.isEmpty()) {
            return;
        }
        for (int i = 0; i < options.warmupSteps(); i++) {
            cases.forEach(c -> c.step(false));
            probes.forEach(GemmProbe::run);
        }
        cases.forEach(c -> c.warmUpFor(options.warmupTime()));
        long deadline = System.nanoTime() + budget.toNanos();
        for (int round = 0; round < options.maxSteps(); round++) {
            for (int i = 0; i < cases.size(); i++) {
                cases.get((round + i) % cases.size()).step(true);
            }
            probes.forEach(GemmProbe::runTimed);
            if (round + 1 >= options.minSteps() && System.nanoTime() > deadline) {
                break;
            }
        }
    }

    /** Which rows were timed apart, why, and how long their steps waited for the process's other threads. */
    private static String apartNote(BenchmarkConfig config, List<BenchmarkCase> apart) {
        double[] waits = apart.stream().flatMap(c -> c.waitMillis().stream()).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        String rows = apart.stream().map(BenchmarkCase::label).distinct().collect(Collectors.joining(", "));
        String waited = waits.length == 0 ? "no timed steps"
                : String.format(Locale.ROOT, "each timed step waited %.0f–%.0f ms (median %.0f) for the process's"
                        + " other threads to stop running", waits[0], waits[waits.length - 1], waits[waits.length / 2]);
        return "config " + config.name() + ": the rows of " + rows + " leave a thread running after each step, so they"
                + " were timed after the other rows, in rounds of their own; " + waited + ".";
    }

    /**
     * Fills in each row's median over the best non-diagnostic median for the same config, cell and thread
     * count, and its speed-up over the same peer's 1-thread row: as the ratio of the two medians, and as the
     * median of the per-round ratios with its interval.
     */
    static List<BenchmarkRow> withDerived(List<BenchmarkRow> rows) {
        Map<String, Double> best = new HashMap<>();
        Map<String, TimingStats> oneThread = new HashMap<>();
        for (BenchmarkRow row : rows) {
            if (row.succeeded() && !row.diagnostic()) {
                best.merge(groupKey(row), row.stats().medianMs(), Math::min);
            }
            if (row.succeeded() && row.threads() == 1) {
                oneThread.put(peerKey(row), row.stats());
            }
        }
        return rows.stream().map(r -> {
            if (!r.succeeded()) {
                return r;
            }
            double median = r.stats().medianMs();
            TimingStats base = oneThread.get(peerKey(r));
            double speedUp = base == null ? Double.NaN : base.medianMs() / median;
            PairedRatio paired = base == null || r.threads() == 1 ? null
                    : PairedRatio.of(base.millisInRunOrder(), r.stats().millisInRunOrder());
            return r.withDerived(median / best.getOrDefault(groupKey(r), Double.NaN), speedUp, paired);
        }).toList();
    }

    private static String peerKey(BenchmarkRow row) {
        return row.workload().config() + "/" + row.workload().cell() + "/" + row.peer();
    }

    private static String groupKey(BenchmarkRow row) {
        return row.workload().config() + "/" + row.workload().cell() + "/" + row.threads();
    }
}
