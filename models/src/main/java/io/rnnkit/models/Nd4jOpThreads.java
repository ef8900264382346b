package io.rnnkit.models;

import io.rnnkit.models.kernels.KernelThreads;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.LoggerFactory;

/**
 * Keeps ND4J's own OpenMP threads off the cores that rnnkit's kernel pool works on, for programs that import the
 * layers without setting {@code OMP_NUM_THREADS}.
 *
 * <p>ND4J runs its element-wise ops on OpenMP threads, all cores by default. rnnkit's layers do their heavy math on
 * their own pool ({@link io.rnnkit.models.kernels.KernelThreads}), and the ops left to ND4J around them are small:
 * OpenMP splits them at a loss, and its threads, spinning after each op, take cores from the pool. On the 2-core
 * build VM a training step of benchmark config A (2×LSTM 200, 10k-way softmax) on a 2-thread pool took 73–82 ms with
 * ND4J's default of 2 OpenMP threads and 46–53 ms with 1, in alternating runs. So the first pass of a fused layer on a thread sets
 * ND4J's OpenMP threads to 1 for that thread, and logs so once per JVM. OpenBLAS's threads are left as they are.
 *
 * <p>When {@code OMP_NUM_THREADS} is set, as the {@code rnnkit} launcher sets it, nothing is changed: the setting
 * is the user's. A program may also set ND4J's threads itself after its first pass.
 */
public final class Nd4jOpThreads {

    /** The environment variable that, when set, leaves ND4J's OpenMP threads as it says. */
    public static final String OPENMP_VARIABLE = "OMP_NUM_THREADS";

    private static final boolean USER_CHOSE = isSet(System.getenv(OPENMP_VARIABLE));
    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile boolean logged;

    private Nd4jOpThreads() {
    }

    /**
     * Sets ND4J's OpenMP threads to 1 for the calling thread, the first time it is called on that thread, unless
     * {@value #OPENMP_VARIABLE} is set. The fused layers call it at the start of each pass; it costs a thread-local
     * read after the first call.
     */
    public static void confineCallingThread() {
        confineCallingThread(USER_CHOSE);
    }

    /** As {@link #confineCallingThread()}, with whether the user chose ND4J's threads given. */
    static void confineCallingThread(boolean userChose) {
        if (userChose || DONE.get()) {
            return;
        }
        DONE.set(Boolean.TRUE);
        Nd4j.getExecutioner(); // loads the backend, without which NativeOpsHolder cannot start
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        if (!logged) {
            logged = true;
            LoggerFactory.getLogger(Nd4jOpThreads.class).info("ND4J's own ops run on 1 OpenMP thread on threads that"
                    + " run rnnkit's layers, whose heavy math runs on rnnkit's pool ({} threads): OpenMP threads"
                    + " only slow the small ops around it. Set {} to choose ND4J's threads yourself.",
                    KernelThreads.shared().size(), OPENMP_VARIABLE);
        }
    }

    /** Whether an environment value names a choice: present and not blank. */
    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
