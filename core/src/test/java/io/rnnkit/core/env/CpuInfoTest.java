package io.rnnkit.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    @Test
    void parsesModelAndSimdFlagsFromTheFirstProcessor() {
        List<String> lines = List.of(
                "processor\t: 0",
                "model name\t: Intel(R) Xeon(R) Platinum 8375C",
                "flags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512bw",
                "processor\t: 1",
                "model name\t: Other",
                "flags\t\t: fpu");

        CpuInfo cpu = CpuInfo.parse(lines, 2);

        assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8375C");
        assertThat(cpu.logicalCores()).isEqualTo(2);
        assertThat(cpu.simdFeatures()).containsExactlyInAnyOrder("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw");
    }

    @Test
    void choosesTheWidestOpenBlasKernelTheCpuSupports() {
        assertThat(CpuInfo.parse(List.of("flags : avx avx2 avx512f"), 1).bestOpenBlasCore()).isEqualTo("SKYLAKEX");
        assertThat(CpuInfo.parse(List.of("flags : avx avx2"), 1).bestOpenBlasCore()).isEqualTo("HASWELL");
        assertThat(CpuInfo.parse(List.of("flags : sse4_2 avx"), 1).bestOpenBlasCore()).isEqualTo("SANDYBRIDGE");
    }

    @Test
    void tellsZen4ByItsFamilyAndAvx512() {
        List<String> zen4 = List.of("vendor_id\t: AuthenticAMD", "cpu family\t: 25", "model\t\t: 17",
                "model name\t: AMD EPYC", "flags\t\t: avx avx2 avx512f");
        List<String> zen3 = List.of("vendor_id\t: AuthenticAMD", "cpu family\t: 25", "flags\t\t: avx avx2");
        List<String> zen5 = List.of("vendor_id\t: AuthenticAMD", "cpu family\t: 26", "flags\t\t: avx avx2 avx512f");
        List<String> xeon = List.of("vendor_id\t: GenuineIntel", "cpu family\t: 6", "flags\t\t: avx avx2 avx512f");

        assertThat(CpuInfo.parse(zen4, 2).halfRateAvx512()).isTrue();
        assertThat(CpuInfo.parse(zen3, 2).halfRateAvx512()).isFalse();
        assertThat(CpuInfo.parse(zen5, 2).halfRateAvx512()).isFalse();
        assertThat(CpuInfo.parse(xeon, 2).halfRateAvx512()).isFalse();
    }

    @Test
    void unknownWhenThereIsNoModelLine() {
        assertThat(CpuInfo.parse(List.of("garbage"), 4).model()).isEqualTo("unknown");
    }
}
