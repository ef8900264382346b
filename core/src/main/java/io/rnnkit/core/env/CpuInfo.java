package io.rnnkit.core.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The CPU model and the SIMD features that matter for BLAS and the Vector API, read from /proc/cpuinfo. */
public record CpuInfo(String model, int logicalCores, Set<String> simdFeatures) {

    private static final List<String> INTERESTING_FLAGS =
            List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16");

    /** Reads this machine's CPU description; fields are "unknown"/empty where /proc/cpuinfo is absent. */
    public static CpuInfo read() {
        int cores = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return new CpuInfo("unknown", cores, Set.of());
        }
        try {
            return parse(Files.readAllLines(cpuinfo), cores);
        } catch (IOException e) {
            return new CpuInfo("unknown", cores, Set.of());
        }
    }

    static CpuInfo parse(List<String> lines, int cores) {
        String model = "unknown";
        Set<String> features = new TreeSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && features.isEmpty()) {
                for (String flag : value.split("\\s+")) {
                    if (INTERESTING_FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
                        features.add(flag);
                    }
                }
            }
        }
        return new CpuInfo(model, cores, Set.copyOf(features));
    }

    /** The OpenBLAS core type that fits this CPU best, as the launcher would choose it. */
    public String bestOpenBlasCore() {
        if (simdFeatures.contains("avx512f")) {
            return "SKYLAKEX";
        }
        if (simdFeatures.contains("avx2")) {
            return "HASWELL";
        }
        return "SANDYBRIDGE";
    }
}
