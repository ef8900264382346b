package io.rnnkit.models;

/**
 * The check that the JDK's incubating Vector API module, which the fused layers' kernels run on, is in the JVM.
 *
 * <p>Without it the kernels' first class load fails with a bare {@code NoClassDefFoundError}; the layers call
 * {@link #require()} when a network instantiates them, so the user reads which flag to add instead.
 */
public final class VectorApi {

    /** The module the kernels need; {@code --add-modules} takes this name. */
    public static final String MODULE = "jdk.incubator.vector";

    private VectorApi() {
    }

    /**
     * Throws unless the JVM was started with {@code --add-modules jdk.incubator.vector}.
     *
     * @throws IllegalStateException naming the flag, when the module is missing
     */
    public static void require() {
        require(ModuleLayer.boot());
    }

    /**
     * Throws unless {@code layer} holds the Vector API module.
     *
     * @param layer the module layer to look in: the boot layer at run time
     * @throws IllegalStateException naming the flag, when the module is missing
     */
    static void require(ModuleLayer layer) {
        if (layer.findModule(MODULE).isEmpty()) {
            throw new IllegalStateException("rnnkit's layers need the JDK's Vector API: start the JVM with"
                    + " --add-modules " + MODULE);
        }
    }
}
