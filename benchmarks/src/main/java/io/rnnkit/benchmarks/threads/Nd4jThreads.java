package io.rnnkit.benchmarks.threads;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's OpenMP threads and OpenBLAS's threads, set at run time and read back.
 *
 * <p>Measured on M2.1 (issue 13): OpenBLAS follows {@code blas().setMaxThreads(n)} up and down whatever
 * {@code OMP_NUM_THREADS} was at start; ND4J's ops follow the native {@code setOmpNumThreads(n)} up and
 * down, but never above the {@code Environment.maxThreads()} fixed at start from {@code OMP_NUM_THREADS}
 * (so a process started with 1 cannot be raised); {@code Environment.setMaxThreads} changes nothing.
 */
public final class Nd4jThreads {

    private Nd4jThreads() {
    }

    /** Sets ND4J's OpenMP threads (on the calling thread, which runs the ops) and OpenBLAS's threads. */
    public static void set(int ompThreads, int blasThreads) {
        nativeOps().setOmpNumThreads(ompThreads);
        setBlas(blasThreads);
    }

    /** Sets OpenBLAS's threads alone (the sgemm roofline). */
    public static void setBlas(int blasThreads) {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }

    /** Threads ND4J's own ops use now: the OpenMP setting, capped by the start-up limit. */
    public static int ompThreads() {
        int requested = nativeOps().ompGetMaxThreads();
        return Math.min(requested, startupLimit());
    }

    /** The most threads ND4J's ops can ever use in this process, fixed at start by {@code OMP_NUM_THREADS}. */
    public static int startupLimit() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /** Threads OpenBLAS uses for one call now. */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    private static NativeOps nativeOps() {
        Nd4j.getExecutioner(); // loads the backend, without which NativeOpsHolder cannot start
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    /** "ND4J OpenMP a, OpenBLAS b" as in force now. */
    public static String describe() {
        return "ND4J OpenMP " + ompThreads() + ", OpenBLAS " + blasThreads();
    }
}
