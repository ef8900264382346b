package io.rnnkit.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentReportTest {

    private static final CpuInfo AVX512_CPU = new CpuInfo("test", 2, Set.of("avx", "avx2", "avx512f"), false);

    @Test
    void namesTheCollectorFromItsBeans() {
        assertThat(EnvironmentReport.collectorName(List.of("Copy", "MarkSweepCompact"))).isEqualTo("Serial");
        assertThat(EnvironmentReport.collectorName(List.of("G1 Young Generation", "G1 Old Generation")))
                .isEqualTo("G1");
        assertThat(EnvironmentReport.collectorName(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("Parallel");
        assertThat(EnvironmentReport.collectorName(List.of("ZGC Cycles", "ZGC Pauses"))).isEqualTo("ZGC");
        assertThat(EnvironmentReport.collectorName(List.of("Epsilon Heap"))).isEqualTo("Epsilon Heap");
        assertThat(EnvironmentReport.collectorName(List.of())).isEqualTo("unknown");
    }

    @Test
    void warnsWhenOpenBlasRunsAGenericKernelOnAModernCpu() {
        List<String> warnings = EnvironmentReport.warnings(AVX512_CPU, "Prescott", "", true);

        assertThat(warnings).singleElement().asString()
                .contains("Prescott").contains("OPENBLAS_CORETYPE=SKYLAKEX");
    }

    @Test
    void warnsWhenAPresetAvx2KernelRunsOnAnAvx512Cpu() {
        List<String> warnings = EnvironmentReport.warnings(AVX512_CPU, "Haswell", "Haswell", true);

        assertThat(warnings).singleElement().asString()
                .contains("'Haswell'").contains("as OPENBLAS_CORETYPE=Haswell asks").contains("OPENBLAS_CORETYPE=SKYLAKEX");
        assertThat(EnvironmentReport.warnings(AVX512_CPU, "Zen", "", true)).singleElement().asString()
                .doesNotContain("asks").contains("OPENBLAS_CORETYPE=SKYLAKEX");
    }

    @Test
    void noWarningForAnAvx2KernelWhereAvx512RunsAtHalfRate() {
        CpuInfo zen4 = new CpuInfo("AMD EPYC", 2, Set.of("avx", "avx2", "avx512f"), true);

        assertThat(EnvironmentReport.warnings(zen4, "Zen", "", true)).isEmpty();
        assertThat(EnvironmentReport.warnings(zen4, "Haswell", "Haswell", true)).isEmpty();
        assertThat(EnvironmentReport.warnings(zen4, "Prescott", "", true)).singleElement().asString()
                .contains("Prescott");
    }

    @Test
    void noWarningForAnAvx2KernelOnAnAvx2Cpu() {
        CpuInfo avx2Cpu = new CpuInfo("test", 2, Set.of("avx", "avx2"), false);

        assertThat(EnvironmentReport.warnings(avx2Cpu, "Haswell", "", true)).isEmpty();
    }

    @Test
    void noWarningForAFittingKernelOrOnTheGpuBackend() {
        assertThat(EnvironmentReport.warnings(AVX512_CPU, "SkylakeX", "SKYLAKEX", true)).isEmpty();
        assertThat(EnvironmentReport.warnings(AVX512_CPU, "Prescott", "", false)).isEmpty();
    }

    @Test
    void collectsTheNativeCpuBackendAndAPositiveSgemmRate() {
        EnvironmentReport report = EnvironmentReport.collect(64);

        assertThat(report.backend()).endsWith("CpuBackend");
        assertThat(report.blasVendor()).isEqualTo("OPENBLAS");
        assertThat(report.blasCore()).doesNotStartWith("unknown");
        assertThat(report.sgemmGflops()).isPositive().isFinite();
        assertThat(report.asMap()).containsKeys("java", "backend", "blasCore", "sgemmGflops", "simd");
    }
}
