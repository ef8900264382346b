package io.rnnkit.core.env;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a user needs to judge whether the numeric stack is set up well: JVM, heap and collector,
 * ND4J backend, BLAS core, threads, CPU and a measured sgemm rate.
 */
public record EnvironmentReport(
        String javaVersion,
        long maxHeapBytes,
        String garbageCollector,
        String backend,
        String dataType,
        String blasVendor,
        String blasCore,
        String openBlasCoreTypeVariable,
        int blasThreads,
        int ompThreads,
        CpuInfo cpu,
        List<String> cudaDevices,
        double sgemmGflops,
        List<String> warnings) {

    /** Cores OpenBLAS falls back to when it does not recognise a modern CPU. */
    private static final List<String> GENERIC_CORES =
            List.of("prescott", "core2", "nehalem", "atom", "katmai", "coppermine", "northwood", "barcelona", "generic");

    /** OpenBLAS's AVX2 cores: they run on an AVX-512 CPU, but at about half its float rate. */
    private static final List<String> AVX2_CORES = List.of("haswell", "zen");

    /** Collects the report, running an sgemm of the given size to measure GFLOP/s (0 skips it). */
    public static EnvironmentReport collect(int sgemmSize) {
        CpuInfo cpu = CpuInfo.read();
        String backend = Nd4j.getBackend().getClass().getName();
        boolean cpuBackend = NativeBlas.isCpuBackend();
        String vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        String core = cpuBackend ? NativeBlas.coreName() : "n/a (GPU backend)";
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        Nd4jEnvironment nd4jEnv = Nd4jEnvironment.getEnvironment();
        List<String> cuda = cpuBackend ? List.of() : CudaDevices.describe(nd4jEnv);
        double gflops = sgemmSize > 0 ? SgemmProbe.measureGflops(sgemmSize) : 0.0;
        String coreVariable = System.getenv().getOrDefault("OPENBLAS_CORETYPE", "");
        List<String> warnings = warnings(cpu, core, coreVariable, cpuBackend);
        return new EnvironmentReport(
                System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory(),
                collectorName(ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).toList()),
                backend,
                String.valueOf(Nd4j.dataType()),
                vendor,
                core,
                coreVariable,
                blasThreads,
                Nd4j.getEnvironment().maxThreads(),
                cpu,
                cuda,
                gflops,
                warnings);
    }

    /** The collector's usual name (Serial, Parallel, G1, ...) from the JVM's collector beans' names. */
    static String collectorName(List<String> beanNames) {
        String names = String.join(", ", beanNames);
        if (names.contains("G1")) {
            return "G1";
        }
        if (names.contains("MarkSweepCompact")) {
            return "Serial";
        }
        if (names.contains("PS Scavenge") || names.contains("PS MarkSweep")) {
            return "Parallel";
        }
        if (names.contains("ZGC")) {
            return "ZGC";
        }
        if (names.contains("Shenandoah")) {
            return "Shenandoah";
        }
        return names.isEmpty() ? "unknown" : names;
    }

    static List<String> warnings(CpuInfo cpu, String core, String coreVariable, boolean cpuBackend) {
        if (!cpuBackend) {
            return List.of();
        }
        String lower = core.toLowerCase(Locale.ROOT);
        boolean generic = GENERIC_CORES.stream().anyMatch(lower::contains);
        if (generic && cpu.simdFeatures().contains("avx2")) {
            return List.of("OpenBLAS runs the generic '" + core + "' kernel on a CPU with "
                    + (cpu.simdFeatures().contains("avx512f") ? "AVX-512" : "AVX2")
                    + ": set OPENBLAS_CORETYPE=" + cpu.bestOpenBlasCore()
                    + " before starting the JVM (the ./rnnkit launcher does this when it is unset)");
        }
        // on a CPU that splits 512-bit operations in two, the AVX2 kernels run as fast (96.7 against 94.2 GFLOP/s in
        // `./rnnkit env` on a Zen 4 VM, 2026-12-04)
        if (AVX2_CORES.contains(lower) && cpu.simdFeatures().contains("avx512f") && !cpu.halfRateAvx512()) {
            String cause = coreVariable.isEmpty() ? "" : ", as OPENBLAS_CORETYPE=" + coreVariable + " asks";
            return List.of("OpenBLAS runs its AVX2 kernel '" + core + "' on a CPU with AVX-512" + cause
                    + ": OPENBLAS_CORETYPE=" + cpu.bestOpenBlasCore()
                    + " multiplies large float matrices up to twice as fast"
                    + " (the ./rnnkit launcher picks it when the variable is unset)");
        }
        return List.of();
    }

    /** The report as ordered key/value pairs, for the text and JSON forms alike. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("java", javaVersion);
        map.put("maxHeapMiB", maxHeapBytes / (1024 * 1024));
        map.put("garbageCollector", garbageCollector);
        map.put("backend", backend);
        map.put("dataType", dataType);
        map.put("blasVendor", blasVendor);
        map.put("blasCore", blasCore);
        map.put("OPENBLAS_CORETYPE", openBlasCoreTypeVariable.isEmpty() ? "(unset)" : openBlasCoreTypeVariable);
        map.put("blasThreads", blasThreads);
        map.put("ompThreads", ompThreads);
        map.put("cpuModel", cpu.model());
        map.put("cpuCores", cpu.logicalCores());
        map.put("simd", String.join(" ", cpu.simdFeatures()));
        map.put("cudaDevices", cudaDevices);
        map.put("sgemmGflops", Math.round(sgemmGflops * 10) / 10.0);
        map.put("warnings", warnings);
        return map;
    }
}
