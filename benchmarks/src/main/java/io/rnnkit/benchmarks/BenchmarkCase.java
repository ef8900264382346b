package io.rnnkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One (workload, peer, thread count) row during a run: its benchmark, timed samples, the thread settings
 * in force and any failure. Every step first gives the peer the row's thread count, outside the timing;
 * a timed step then waits {@link #SETTLE} idle, so that threads the previous row left spinning (OpenMP
 * workers of ND4J or PyTorch keep polling for a while after their parallel region) have gone to sleep
 * and do not share this row's cores.
 */
final class BenchmarkCase {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCase.class);
    /** Idle time before each timed step. */
    static final Duration SETTLE = Duration.ofMillis(5);

    private final Workload workload;
    private final BenchmarkPeer peer;
    private final int threads;
    private final StepBenchmark benchmark;
    private final List<Double> millis = new ArrayList<>();
    private String threadSettings = "";
    private String error;

    BenchmarkCase(Workload workload, BenchmarkPeer peer, int threads, StepBenchmark benchmark) {
        this.workload = workload;
        this.peer = peer;
        this.threads = threads;
        this.benchmark = benchmark;
    }

    boolean failed() {
        return error != null;
    }

    int samples() {
        return millis.size();
    }

    void setUp() {
        try {
            threadSettings = peer.useThreads(threads);
            benchmark.setUp();
        } catch (Exception | LinkageError e) {
            fail("setUp", e);
        }
    }

    /** Runs one step if the case is still healthy; records its time when {@code timed}. */
    void step(boolean timed) {
        if (failed()) {
            return;
        }
        try {
            threadSettings = peer.useThreads(threads);
            if (timed) {
                LockSupport.parkNanos(SETTLE.toNanos());
            }
            long start = System.nanoTime();
            benchmark.step();
            long elapsed = System.nanoTime() - start;
            if (timed) {
                millis.add(elapsed / 1e6);
            }
        } catch (Exception | LinkageError e) {
            fail("step", e);
        }
    }

    /** Untimed steps until {@code duration} has passed since this call. */
    void warmUpFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (!failed() && System.nanoTime() < end) {
            step(false);
        }
    }

    void tearDown() {
        try {
            benchmark.tearDown();
        } catch (RuntimeException e) {
            LOG.warn("{} {} tearDown failed", peer.name(), workload.describe(), e);
        }
    }

    BenchmarkRow toRow() {
        TimingStats stats = failed() || millis.isEmpty() ? null
                : TimingStats.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
        String failure = failed() ? error : stats == null ? "no timed steps" : null;
        return new BenchmarkRow(workload, peer.name(), peer.diagnostic(), threads, threadSettings, stats, Double.NaN,
                Double.NaN, null, failure);
    }

    private void fail(String phase, Throwable e) {
        error = phase + ": " + e;
        LOG.error("{} at {} threads on config {} ({}) failed in {}", peer.name(), threads, workload.config(),
                workload.describe(), phase, e);
    }
}
