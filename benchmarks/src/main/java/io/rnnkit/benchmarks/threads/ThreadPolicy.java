package io.rnnkit.benchmarks.threads;

import io.rnnkit.models.kernels.KernelThreads;

/**
 * How a JVM peer spends a row's thread count: on rnnkit's own pool (ND4J and OpenBLAS at 1, as the
 * {@code rnnkit} launcher runs them), or on ND4J's OpenMP threads and OpenBLAS (stock DL4J).
 */
public enum ThreadPolicy {
    /** rnnkit's {@link KernelThreads} pool gets the threads; ND4J and OpenBLAS stay at 1. */
    RNNKIT_POOL {
        @Override
        public String apply(int threads) {
            usePool(threads);
            Nd4jThreads.set(1, 1);
            return "rnnkit pool " + KernelThreads.shared().size() + ", " + Nd4jThreads.describe();
        }
    },
    /** ND4J's OpenMP ops and OpenBLAS get the threads; rnnkit's pool (unused by these layers) stays at 1. */
    ND4J_OPENMP {
        @Override
        public String apply(int threads) {
            usePool(1);
            Nd4jThreads.set(threads, threads);
            return Nd4jThreads.describe();
        }
    };

    /** Applies the thread count and returns the settings now in force, read back from each library. */
    public abstract String apply(int threads);

    /**
     * Whether a step under this policy at {@code threads} threads leaves a native thread running after it returns:
     * after a stock DL4J step at ND4J OpenMP 2 and OpenBLAS 2, one kept a core busy for about 100 ms on this VM
     * (per-thread CPU times from {@code /proc/self/task}); with only one of the two at 2, none did.
     */
    public boolean leavesThreadsRunning(int threads) {
        return this == ND4J_OPENMP && threads > 1;
    }

    /**
     * Switches to the kept pool of that size: rows alternate thread counts step by step, and a fresh pool per
     * switch started a worker thread before every multi-threaded step, which users' long-lived pools never do
     * (it made the 2-thread E rows 0.6-0.9× their 1-thread ones when only rnnkit rows ran).
     */
    private static void usePool(int threads) {
        if (KernelThreads.shared().size() != threads) {
            KernelThreads.switchSharedSize(threads);
        }
    }
}
