package io.rnnkit.benchmarks.memory;

import io.rnnkit.benchmarks.BenchmarkConfig;
import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.MachineInfo;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.gemm.GemmRoofline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory mode: for every workload of the given configs and every non-diagnostic peer that has it,
 * one child JVM ({@link MemoryProbeMain}) trains that peer alone and reports its peak RSS.
 */
public final class MemoryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryRunner.class);

    private final List<BenchmarkPeer> peers;
    private final ChildJvm child;

    /** A runner over the given peers, each child limited to {@code timeout}. */
    public MemoryRunner(List<BenchmarkPeer> peers, Duration timeout) {
        this.peers = List.copyOf(peers);
        this.child = new ChildJvm(timeout);
    }

    /** Measures every (workload, peer) of {@code configs}, the peer at {@code threads}, {@code steps} steps each. */
    public MemoryReport run(List<BenchmarkConfig> configs, int threads, int steps) throws InterruptedException {
        long start = System.nanoTime();
        List<MemoryRow> rows = new ArrayList<>();
        for (BenchmarkConfig config : configs) {
            for (Workload workload : config.workloads()) {
                for (BenchmarkPeer peer : peers) {
                    if (!peer.diagnostic() && peer.covers(workload.kind()) && peer.create(workload, 42L).isPresent()) {
                        rows.add(measure(workload, peer.name(), threads, steps));
                    }
                }
            }
        }
        MachineInfo machine = MachineInfo.capture(GemmRoofline.blasThreads())
                .with("load average at end", MachineInfo.loadAverage());
        return new MemoryReport(machine, ManagementFactory.getRuntimeMXBean().getInputArguments(), rows,
                (System.nanoTime() - start) / 1e9);
    }

    private MemoryRow measure(Workload workload, String peer, int threads, int steps) throws InterruptedException {
        List<String> args = List.of(peer, workload.config(), workload.cell().name(), Integer.toString(threads),
                Integer.toString(steps));
        try {
            String out = child.run(MemoryProbeMain.class, args);
            long kb = out.lines().filter(l -> l.startsWith(MemoryProbeMain.PREFIX))
                    .mapToLong(l -> Long.parseLong(l.substring(MemoryProbeMain.PREFIX.length()).strip()))
                    .findFirst()
                    .orElseThrow(() -> new IOException("child printed no " + MemoryProbeMain.PREFIX + " line"));
            LOG.info("memory {} {} {}: {} MB peak RSS", workload.config(), workload.cell().label(), peer, kb / 1024);
            return new MemoryRow(workload, peer, threads, steps, kb, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("memory {} {} {} failed: {}", workload.config(), workload.cell().label(), peer, e.getMessage());
            return new MemoryRow(workload, peer, threads, steps, -1, e.getMessage());
        }
    }
}
