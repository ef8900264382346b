package io.rnnkit.core.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU model and the SIMD features that matter for BLAS and the Vector API, read from /proc/cpuinfo.
 *
 * @param model the model name
 * @param logicalCores the cores the JVM sees
 * @param simdFeatures the SIMD flags of interest
 * @param halfRateAvx512 whether the CPU runs a 512-bit vector operation as two 256-bit halves (AMD Zen 4: family
 *     25 with AVX-512), so that AVX2 code reaches the same multiply-add peak as AVX-512 code
 */
public record CpuInfo(String model, int logicalCores, Set<String> simdFeatures, boolean halfRateAvx512) {

    /** AMD's family number of Zen 3 and Zen 4; of those only Zen 4 has AVX-512. */
    private static final String ZEN_3_AND_4_FAMILY = "25";

    private static final List<String> INTERESTING_FLAGS =
            List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16");

    /** Reads this machine's CPU description; fields are "unknown"/empty where /proc/cpuinfo is absent. */
    public static CpuInfo read() {
        int cores = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return new CpuInfo("unknown", cores, Set.of(), false);
        }
        try {
            return parse(Files.readAllLines(cpuinfo), cores);
        } catch (IOException e) {
            return new CpuInfo("unknown", cores, Set.of(), false);
        }
    }

    static CpuInfo parse(List<String> lines, int cores) {
        String model = "unknown";
        String vendor = "";
        String family = "";
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
            } else if (key.equals("vendor_id") && vendor.isEmpty()) {
                vendor = value;
            } else if (key.equals("cpu family") && family.isEmpty()) {
                family = value;
            } else if (key.equals("flags") && features.isEmpty()) {
                for (String flag : value.split("\\s+")) {
                    if (INTERESTING_FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
                        features.add(flag);
                    }
                }
            }
        }
        boolean zen4 = vendor.equals("AuthenticAMD") && family.equals(ZEN_3_AND_4_FAMILY)
                && features.contains("avx512f");
        return new CpuInfo(model, cores, Set.copyOf(features), zen4);
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
