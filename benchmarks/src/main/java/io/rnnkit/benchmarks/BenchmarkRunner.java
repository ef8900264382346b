package io.rnnkit.benchmarks;

import io.rnnkit.benchmarks.dl4j.Dl4jPeer;
import io.rnnkit.benchmarks.dl4j.HeapStepperPeer;
import io.rnnkit.benchmarks.gemm.GemmMeasurement;
import io.rnnkit.benchmarks.gemm.GemmProbe;
import io.rnnkit.benchmarks.gemm.GemmRoofline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the side-by-side benchmark in one process: the sgemm roofline, then per config every peer's
 * rows, set up together, warmed up, and timed interleaved round-robin (the start peer rotates each
 * round so no row always runs right after a particular other one). One roofline GEMM is timed in
 * every round too, so each config's "% of sgemm" compares figures taken under the same load.
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

    /** rnnkit and stock DL4J, plus every {@link BenchmarkPeer} service on the classpath (PyTorch with -Ppeers). */
    public static List<BenchmarkPeer> defaultPeers() {
        List<BenchmarkPeer> all = new ArrayList<>(List.of(Dl4jPeer.rnnkit(), Dl4jPeer.stock()));
        all.add(new HeapStepperPeer());
        all.add(Dl4jPeer.outputLayerOnly());
        Iterator<BenchmarkPeer> services = ServiceLoader.load(BenchmarkPeer.class).iterator();
        while (true) {
            try {
                if (!services.hasNext()) {
                    break;
                }
                BenchmarkPeer peer = services.next();
                if (peer.available()) {
                    all.add(peer);
                } else {
                    LOG.warn("skipping benchmark peer {}: its libraries are not on the classpath", peer.name());
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // Stale peer classes from an earlier -Ppeers build, without their libraries.
                LOG.warn("skipping a benchmark peer that cannot load: {}", e.toString());
            }
        }
        return all;
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
        List<String> notes = new ArrayList<>();
        if (peers.stream().noneMatch(p -> p.name().startsWith("PyTorch"))) {
            notes.add("PyTorch peer not on the classpath: build and run with -Ppeers to include it.");
        }
        LOG.info("sgemm roofline");
        List<GemmMeasurement> roofline = new GemmRoofline(options.quick() ? 1 : 3, options.gemmTimedCalls())
                .measure(GemmRoofline.DEFAULT_SHAPES);
        List<BenchmarkRow> rows = new ArrayList<>();
        Map<String, GemmMeasurement> interleaved = new LinkedHashMap<>();
        for (BenchmarkConfig config : options.configs()) {
            try (GemmProbe probe = new GemmProbe(GemmRoofline.PTB_MEDIUM_PROJECTION)) {
                rows.addAll(runConfig(config, options, notes, probe));
                interleaved.put(config.name(), probe.result("cblas_sgemm, interleaved in config " + config.name()));
            }
        }
        machine = machine.with("load average at end", MachineInfo.loadAverage());
        double wall = (System.nanoTime() - start) / 1e9;
        return new BenchmarkReport(options, machine, roofline, interleaved, withRatios(rows), notes, wall);
    }

    private List<BenchmarkRow> runConfig(BenchmarkConfig config, BenchmarkOptions options, List<String> notes,
            GemmProbe probe) {
        List<BenchmarkCase> cases = new ArrayList<>();
        for (Workload workload : config.workloads()) {
            for (BenchmarkPeer peer : peers) {
                if (!peer.covers(workload.kind())) {
                    continue;
                }
                Optional<StepBenchmark> benchmark = peer.create(workload, options.seed());
                if (benchmark.isPresent()) {
                    cases.add(new BenchmarkCase(workload, peer.name(), peer.diagnostic(), benchmark.get()));
                } else if (!peer.diagnostic()) {
                    notes.add("config " + config.name() + ": " + peer.name() + " has no " + workload.cell().label()
                            + " for this workload; no row.");
                }
            }
        }
        LOG.info("config {}: {} rows, setting up", config.name(), cases.size());
        try {
            cases.forEach(BenchmarkCase::setUp);
            for (int i = 0; i < options.warmupSteps(); i++) {
                cases.forEach(c -> c.step(false));
                probe.run();
            }
            cases.forEach(c -> c.warmUpFor(options.warmupTime()));
            long deadline = System.nanoTime() + options.budgetPerConfig().toNanos();
            for (int round = 0; round < options.maxSteps(); round++) {
                for (int i = 0; i < cases.size(); i++) {
                    cases.get((round + i) % cases.size()).step(true);
                }
                probe.runTimed();
                if (round + 1 >= options.minSteps() && System.nanoTime() > deadline) {
                    break;
                }
            }
        } finally {
            cases.forEach(BenchmarkCase::tearDown);
        }
        List<BenchmarkRow> rows = cases.stream().map(BenchmarkCase::toRow).toList();
        rows.forEach(r -> LOG.info("config {} {} {}: {}", config.name(), r.workload().cell().label(), r.peer(),
                r.succeeded() ? String.format("%.2f ms/step", r.stats().medianMs()) : r.error()));
        return rows;
    }

    /** Fills in each row's median over the best non-diagnostic median for the same config and cell. */
    static List<BenchmarkRow> withRatios(List<BenchmarkRow> rows) {
        Map<String, Double> best = new HashMap<>();
        for (BenchmarkRow row : rows) {
            if (row.succeeded() && !row.diagnostic()) {
                best.merge(groupKey(row), row.stats().medianMs(), Math::min);
            }
        }
        return rows.stream()
                .map(r -> r.succeeded() && best.containsKey(groupKey(r))
                        ? r.withRatio(r.stats().medianMs() / best.get(groupKey(r))) : r)
                .toList();
    }

    private static String groupKey(BenchmarkRow row) {
        return row.workload().config() + "/" + row.workload().cell();
    }
}
