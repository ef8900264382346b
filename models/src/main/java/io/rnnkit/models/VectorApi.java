package io.rnnkit.models;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Whether the JDK's incubating Vector API module, which the fast kernels of the fused layers run on, is in the JVM.
 *
 * <p>Without {@code --add-modules jdk.incubator.vector} the kernels run their scalar twins instead, which give the
 * same results (the same bits, except the order of the float softmax's row sums) more slowly. A class that uses
 * the Vector API's types is only ever loaded when {@link #present()} is true, since it cannot load without the
 * module. The layers call {@link #warnIfMissing()} when a network instantiates them.
 */
public final class VectorApi {

    /** The module the fast kernels need; {@code --add-modules} takes this name. */
    public static final String MODULE = "jdk.incubator.vector";

    /**
     * How much longer a training step took on the scalar kernels: a 2×200 float LSTM, T=35, batch 20, one thread,
     * 110 ms of CPU against 30 ms ({@code LstmSpeedCheck} in the tests, run with and without the flag).
     */
    static final String SCALAR_COST = "about 4 times as long";

    private static final boolean PRESENT = present(ModuleLayer.boot());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private VectorApi() {
    }

    /**
     * Whether this JVM has the Vector API: the kernels take their Vector API path when it does, their scalar
     * one otherwise. Fixed for the life of the JVM.
     *
     * @return true when the JVM was started with {@code --add-modules jdk.incubator.vector}
     */
    public static boolean present() {
        return PRESENT;
    }

    /** Logs {@link #missingWarning()} once per JVM when the Vector API is missing; does nothing otherwise. */
    public static void warnIfMissing() {
        if (!PRESENT && WARNED.compareAndSet(false, true)) {
            LoggerFactory.getLogger(VectorApi.class).warn(missingWarning());
        }
    }

    /**
     * The warning a JVM without the Vector API logs once.
     *
     * @return one line naming the flag and what it saves
     */
    static String missingWarning() {
        return "rnnkit's layers are running their scalar kernels because the JVM lacks the Vector API; start it with"
                + " --add-modules " + MODULE + " for the vector ones (a 2x200 LSTM's training step took "
                + SCALAR_COST + " without it)";
    }

    /**
     * Whether {@code layer} holds the Vector API module.
     *
     * @param layer the module layer to look in: the boot layer at run time
     * @return true when the module is in it
     */
    static boolean present(ModuleLayer layer) {
        return layer.findModule(MODULE).isPresent();
    }
}
