package io.rnnkit.benchmarks;

import io.rnnkit.benchmarks.threads.QuietWait;
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
 * and do not share this row's cores. A row whose peer {@link BenchmarkPeer#leavesThreadsRunning leaves threads
 * running} for longer is timed {@link #apart()} from the others, and its timed steps wait until no other thread of
 * the process runs ({@link QuietWait}, at most {@link #MAX_QUIET_WAIT}).
 */
final class BenchmarkCase {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCase.class);
    /** Idle time before each timed step. */
    static final Duration SETTLE = Duration.ofMillis(5);
    /** Most idle time before a timed step of a row timed apart. */
    static final Duration MAX_QUIET_WAIT = Duration.ofMillis(400);

    private final Workload workload;
    private final BenchmarkPeer peer;
    private final int threads;
    private final StepBenchmark benchmark;
    private final boolean apart;
    private final List<Double> millis = new ArrayList<>();
    private final List<Double> waitMillis = new ArrayList<>();
    private String threadSettings = "";
    private String error;

    BenchmarkCase(Workload workload, BenchmarkPeer peer, int threads, StepBenchmark benchmark) {
        this.workload = workload;
        this.peer = peer;
        this.threads = threads;
        this.benchmark = benchmark;
        this.apart = peer.leavesThreadsRunning(threads);
    }

    /** The peer and thread count, as "DL4J stock at 2 threads". */
    String label() {
        return peer.name() + " at " + threads + (threads == 1 ? " thread" : " threads");
    }

    /** Whether this row leaves threads running after its steps, and so is timed apart from the other rows. */
    boolean apart() {
        return apart;
    }

    /** How long each timed step of a row timed apart waited for the process's other threads, in ms. */
    List<Double> waitMillis() {
        return waitMillis;
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
            if (timed && apart) {
                waitMillis.add(QuietWait.untilOtherThreadsSleep(SETTLE, MAX_QUIET_WAIT).waited().toNanos() / 1e6);
            } else if (timed) {
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
