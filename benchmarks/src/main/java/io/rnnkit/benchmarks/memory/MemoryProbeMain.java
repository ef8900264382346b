package io.rnnkit.benchmarks.memory;

import io.rnnkit.benchmarks.BenchmarkConfig;
import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.BenchmarkRunner;
import io.rnnkit.benchmarks.CellType;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;

/**
 * The child JVM of the memory mode: {@code MemoryProbeMain PEER CONFIG CELL THREADS STEPS} builds one
 * peer's network for one workload, takes the steps and prints {@value #PREFIX}{@code <kB>}, its peak
 * resident memory, on standard output. Exits 1 with a one-line message on standard error on failure.
 */
public final class MemoryProbeMain {

    /** Prefix of the result line on standard output. */
    public static final String PREFIX = "peakRssKb=";

    private MemoryProbeMain() {
    }

    /** Runs one peer on one workload and prints its peak RSS. */
    public static void main(String[] args) {
        try {
            System.out.println(PREFIX + run(args));
        } catch (Exception | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("memory probe " + String.join(" ", args) + " failed: " + e
                    + (root == e ? "" : ", caused by " + root));
            System.exit(1);
        }
    }

    private static long run(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: MemoryProbeMain PEER CONFIG CELL THREADS STEPS");
        }
        BenchmarkPeer peer = BenchmarkRunner.defaultPeers().stream().filter(p -> p.name().equals(args[0]))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no peer named '" + args[0] + "'"));
        Workload workload = BenchmarkConfig.valueOf(args[1]).workloads().stream()
                .filter(w -> w.cell() == CellType.valueOf(args[2])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("config " + args[1] + " has no " + args[2]));
        peer.useThreads(Integer.parseInt(args[3]));
        StepBenchmark benchmark = peer.create(workload, 42L)
                .orElseThrow(() -> new IllegalArgumentException(peer.name() + " has no " + workload.describe()));
        try {
            benchmark.setUp();
            for (int i = 0, steps = Integer.parseInt(args[4]); i < steps; i++) {
                benchmark.step();
            }
            return PeakRss.kilobytes();
        } finally {
            benchmark.tearDown();
        }
    }
}
