package io.rnnkit.core.env;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/** Questions answered by the OpenBLAS library that ND4J's CPU backend loads. */
public final class NativeBlas {

    private NativeBlas() {
    }

    /** True when ND4J runs on its native CPU backend (and so on the bundled OpenBLAS). */
    public static boolean isCpuBackend() {
        return Nd4j.getBackend().getClass().getName().contains("CpuBackend");
    }

    /**
     * The kernel family OpenBLAS really dispatches to, for example "Haswell" or "Prescott".
     *
     * <p>JavaCPP's binding leaves out {@code openblas_get_corename}, so it is called through the
     * incubating foreign linker (the launcher passes {@code --add-modules jdk.incubator.foreign}).
     */
    public static String coreName() {
        try {
            Loader.load(openblas_nolapack.class);
            Pointer symbol = Loader.addressof("openblas_get_corename");
            if (symbol == null || symbol.isNull()) {
                return "unknown (symbol not found)";
            }
            MethodHandle getCoreName = CLinker.getInstance().downcallHandle(
                    MemoryAddress.ofLong(symbol.address()),
                    MethodType.methodType(MemoryAddress.class),
                    FunctionDescriptor.of(CLinker.C_POINTER));
            return CLinker.toJavaString((MemoryAddress) getCoreName.invokeExact()).trim();
        } catch (Throwable e) {
            return "unknown (" + e.getClass().getSimpleName() + "; start the JVM with --add-modules jdk.incubator.foreign)";
        }
    }
}
