package io.rnnkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine and process settings a benchmark ran under, captured at the time of the run.
 *
 * @param values ordered key → value pairs (CPU model, cores, BLAS settings, load average, ...)
 */
public record MachineInfo(Map<String, String> values) {

    /** Defensive, ordered copy. */
    public MachineInfo {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Captures CPU model, cores, JVM, the BLAS/OpenMP environment and ND4J's own report. */
    public static MachineInfo capture(int blasThreads) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("cpu", cpuModel());
        v.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        v.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        for (String name : new String[] {"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                "OMP_NUM_THREADS"}) {
            v.put(name, System.getenv().getOrDefault(name, "(unset)"));
        }
        v.put("openblas threads", Integer.toString(blasThreads));
        Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
        v.put("nd4j backend", String.valueOf(nd4j.getOrDefault("backend", "?")));
        v.put("nd4j omp threads", String.valueOf(nd4j.getOrDefault("omp.threads", "?")));
        v.put("nd4j blas", String.valueOf(nd4j.getOrDefault("blas.vendor", "?")));
        v.put("load average at start", loadAverage());
        return new MachineInfo(v);
    }

    /** A copy with one more entry. */
    public MachineInfo with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(key, value);
        return new MachineInfo(v);
    }

    /** The 1/5/15-minute load averages from /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
