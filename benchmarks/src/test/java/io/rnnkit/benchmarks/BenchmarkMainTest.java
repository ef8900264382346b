package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

    @Test
    void parsesQuickConfigsAndJson() {
        BenchmarkMain.Arguments args = BenchmarkMain.parse(new String[] {"--quick", "--configs", "C,D", "--json", "out.json"});
        assertThat(args.options().quick()).isTrue();
        assertThat(args.options().configs()).containsExactly(BenchmarkConfig.C, BenchmarkConfig.D);
        assertThat(args.json()).isEqualTo(Path.of("out.json"));
        assertThat(args.markdown()).isNull();
    }

    @Test
    void defaultsToFullModeOverAllConfigs() {
        BenchmarkMain.Arguments args = BenchmarkMain.parse(new String[0]);
        assertThat(args.options().quick()).isFalse();
        assertThat(args.options().configs()).containsExactly(BenchmarkConfig.values());
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--json"})).hasMessageContaining("--json");
    }
}
