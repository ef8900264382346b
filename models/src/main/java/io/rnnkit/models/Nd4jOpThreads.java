package io.rnnkit.models;

import io.rnnkit.models.kernels.KernelThreads;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.LoggerFactory;

/**
 * Keeps ND4J's own OpenMP threads and OpenBLAS's threads off the cores that rnnkit's kernel pool works on, for
 * programs that import the layers without setting {@code OMP_NUM_THREADS}: what the {@code rnnkit} launcher's
 * {@code OMP_NUM_THREADS=1} does for the app.
 *
 * <p>ND4J runs its element-wise ops on OpenMP threads, all cores by default, and the bundled OpenBLAS is built with
 * OpenMP. rnnkit's layers do their heavy math on their own pool ({@link KernelThreads}), and split their large
 * OpenBLAS calls over it when OpenBLAS runs one thread; the ops left to ND4J around them are small. OpenMP splits
 * those at a loss, and its threads, spinning after each op, take cores from the pool. On the 2-core build VM a
 * training step of benchmark config A (2×LSTM 200, 10k-way softmax) on a 2-thread pool took 73–82 ms with ND4J's
 * defaults, 46–53 ms with ND4J's ops on 1 thread, and 44–47 ms with OpenBLAS on 1 thread as well (against 46–52
 * with OpenBLAS on 2), in alternating runs.
 *
 * <p>So the first pass of a fused layer on a thread sets ND4J's OpenMP threads to 1 for that thread; the first pass
 * in the JVM also sets OpenBLAS's threads to 1 (a process-wide setting: a program's own large products then run on
 * one thread too, unless it sets them again), and logs both once. When {@code OMP_NUM_THREADS} is set, nothing is
 * changed: the setting is the user's.
 */
public final class Nd4jOpThreads {

    /** The environment variable that, when set, leaves ND4J's and OpenBLAS's threads as it says. */
    public static final String OPENMP_VARIABLE = "OMP_NUM_THREADS";

    private static final boolean USER_CHOSE = isSet(System.getenv(OPENMP_VARIABLE));
    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static boolean blasConfined; // guarded by the class

    private Nd4jOpThreads() {
    }

    /**
     * Sets ND4J's OpenMP threads to 1 for the calling thread the first time it is called on that thread, and
     * OpenBLAS's threads to 1 the first time in the JVM, unless {@value #OPENMP_VARIABLE} is set. The fused layers
     * call it at the start of each pass; after the first call it costs a thread-local read.
     */
    public static void confineCallingThread() {
        if (USER_CHOSE || DONE.get()) {
            return;
        }
        DONE.set(Boolean.TRUE);
        Nd4j.getExecutioner(); // loads the backend, without which NativeOpsHolder cannot start
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        confineBlasOnce();
    }

    private static synchronized void confineBlasOnce() {
        if (blasConfined) {
            return;
        }
        blasConfined = true;
        Nd4j.factory().blas().setMaxThreads(1);
        LoggerFactory.getLogger(Nd4jOpThreads.class).info("ND4J's own ops run on 1 OpenMP thread on threads that run"
                + " rnnkit's layers, and OpenBLAS on 1 thread; the layers' heavy math, their large OpenBLAS products"
                + " included, runs on rnnkit's pool of {}. Set {} to choose ND4J's and OpenBLAS's threads yourself.",
                threadCount(KernelThreads.shared().size()), OPENMP_VARIABLE);
    }

    /** "1 thread", "2 threads". */
    static String threadCount(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** Whether an environment value names a choice: present and not blank. */
    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
