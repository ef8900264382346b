package io.rnnkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One (workload, peer) pair during a run: its benchmark, timed samples and any failure. */
final class BenchmarkCase {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCase.class);

    private final Workload workload;
    private final String peer;
    private final boolean diagnostic;
    private final StepBenchmark benchmark;
    private final List<Double> millis = new ArrayList<>();
    private String error;

    BenchmarkCase(Workload workload, String peer, boolean diagnostic, StepBenchmark benchmark) {
        this.workload = workload;
        this.peer = peer;
        this.diagnostic = diagnostic;
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
            LOG.warn("{} {} tearDown failed", peer, workload.describe(), e);
        }
    }

    BenchmarkRow toRow() {
        if (failed() || millis.isEmpty()) {
            return new BenchmarkRow(workload, peer, diagnostic, null, Double.NaN, failed() ? error : "no timed steps");
        }
        double[] values = millis.stream().mapToDouble(Double::doubleValue).toArray();
        return new BenchmarkRow(workload, peer, diagnostic, TimingStats.of(values), Double.NaN, null);
    }

    private void fail(String phase, Throwable e) {
        error = phase + ": " + e;
        LOG.error("{} on config {} ({}) failed in {}", peer, workload.config(), workload.describe(), phase, e);
    }
}
