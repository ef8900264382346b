package io.rnnkit.benchmarks;

import io.rnnkit.models.kernels.KernelThreads;
import java.time.Duration;
import java.util.List;

/**
 * What a benchmark run measures and for how long.
 *
 * @param configs configs to run, in order
 * @param threads thread counts every config runs at, ascending and distinct (e.g. 1 and all cores)
 * @param quick true for the CI smoke mode (few steps; numbers are indicative only)
 * @param warmupSteps untimed steps per row before measuring
 * @param warmupTime after those, each row keeps taking untimed steps until it has warmed up this long, so
 *     that rows of short steps (sampling) reach compiled code too
 * @param minSteps timed steps per row at least
 * @param maxSteps timed steps per row at most
 * @param budgetPerConfig stop adding measuring rounds to a config after this (once minSteps are done)
 * @param gemmTimedCalls timed calls per roofline GEMM
 * @param seed seed for weights and synthetic data
 */
public record BenchmarkOptions(
        List<BenchmarkConfig> configs,
        List<Integer> threads,
        boolean quick,
        int warmupSteps,
        Duration warmupTime,
        int minSteps,
        int maxSteps,
        Duration budgetPerConfig,
        int gemmTimedCalls,
        long seed) {

    /** Validates the counts. */
    public BenchmarkOptions {
        configs = List.copyOf(configs);
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("configs must not be empty");
        }
        threads = threads.stream().sorted().distinct().toList();
        if (threads.isEmpty() || threads.get(0) < 1) {
            throw new IllegalArgumentException("threads must be positive counts, got " + threads);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be ≥ 0, got " + warmupSteps);
        }
        if (warmupTime.isNegative()) {
            throw new IllegalArgumentException("warmupTime must be ≥ 0, got " + warmupTime);
        }
        if (minSteps <= 0 || maxSteps < minSteps) {
            throw new IllegalArgumentException(
                    "need 0 < minSteps ≤ maxSteps, got minSteps=" + minSteps + " maxSteps=" + maxSteps);
        }
        if (budgetPerConfig.isNegative()) {
            throw new IllegalArgumentException("budgetPerConfig must be ≥ 0, got " + budgetPerConfig);
        }
        if (gemmTimedCalls <= 0) {
            throw new IllegalArgumentException("gemmTimedCalls must be positive, got " + gemmTimedCalls);
        }
    }

    /**
     * Full measurement: 3 warm-up steps and at least 3 s of warm-up per row, 10–40 timed steps per row, up to 2
     * minutes per config.
     */
    public static BenchmarkOptions full(List<BenchmarkConfig> configs, List<Integer> threads) {
        return new BenchmarkOptions(configs, threads, false, 3, Duration.ofSeconds(3), 10, 40, Duration.ofMinutes(2),
                10, 42L);
    }

    /** CI smoke mode: 1 warm-up step, 2–5 timed steps per row, 10 s per config; figures are indicative only. */
    public static BenchmarkOptions quick(List<BenchmarkConfig> configs, List<Integer> threads) {
        return new BenchmarkOptions(configs, threads, true, 1, Duration.ZERO, 2, 5, Duration.ofSeconds(10), 3, 42L);
    }

    /** These options with at most {@code steps} timed steps per row (and at least as many as before, up to that). */
    public BenchmarkOptions withMaxSteps(int steps) {
        return new BenchmarkOptions(configs, threads, quick, warmupSteps, warmupTime, Math.min(minSteps, steps), steps,
                budgetPerConfig, gemmTimedCalls, seed);
    }

    /** The default thread counts: 1 and all cores ({@code --threads 1,all}). */
    public static List<Integer> defaultThreads() {
        return parseThreads("1,all");
    }

    /** Parses "1,all" or "1,2,4" ('all' = every core); throws naming the bad entry. */
    public static List<Integer> parseThreads(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--threads needs a list such as 1,all, got '" + text + "'");
        }
        try {
            return List.of(text.split(",")).stream().map(KernelThreads::parseCount).sorted().distinct().toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--threads: " + e.getMessage(), e);
        }
    }
}
