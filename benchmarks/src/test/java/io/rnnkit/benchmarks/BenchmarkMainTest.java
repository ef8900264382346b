package io.rnnkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
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
    void defaultsToFullModeOverAllConfigsAtOneThreadAndAllCores() {
        BenchmarkMain.Arguments args = BenchmarkMain.parse(new String[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(args.options().quick()).isFalse();
        assertThat(args.memory()).isFalse();
        assertThat(args.options().configs()).containsExactly(BenchmarkConfig.values());
        assertThat(args.options().threads()).containsExactlyElementsOf(cores == 1 ? List.of(1) : List.of(1, cores));
    }

    @Test
    void threadListsAreSortedWithoutRepeats() {
        BenchmarkMain.Arguments args = BenchmarkMain.parse(new String[] {"--threads", "4, 1,4,2"});
        assertThat(args.options().threads()).containsExactly(1, 2, 4);
    }

    @Test
    void maxStepsSetsTheTimedStepsPerRowAndKeepsTheMinimumBelowIt() {
        BenchmarkOptions full = BenchmarkMain.parse(new String[0]).options();
        BenchmarkOptions more = BenchmarkMain.parse(new String[] {"--max-steps", "200"}).options();
        BenchmarkOptions fewer = BenchmarkMain.parse(new String[] {"--max-steps", "4"}).options();

        assertThat(full.maxSteps()).isEqualTo(40);
        assertThat(more.maxSteps()).isEqualTo(200);
        assertThat(more.minSteps()).isEqualTo(full.minSteps());
        assertThat(fewer.maxSteps()).isEqualTo(4);
        assertThat(fewer.minSteps()).isEqualTo(4);
    }

    @Test
    void memoryModeDefaultsToConfigsAAndCAtTheLargestThreadCount() {
        BenchmarkMain.Arguments args = BenchmarkMain.parse(new String[] {"--memory", "--quick", "--threads", "1,3"});
        assertThat(args.memory()).isTrue();
        assertThat(args.options().configs()).containsExactly(BenchmarkConfig.A, BenchmarkConfig.C);
        assertThat(args.memoryThreads()).isEqualTo(3);
        assertThat(args.memorySteps()).isPositive();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--max-steps", "0"}))
                .hasMessage("--max-steps needs a positive whole number, got '0'");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--max-steps", "many"}))
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--json"})).hasMessageContaining("--json");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--threads", "0"}))
                .hasMessage("--threads: thread count must be a positive integer or 'all', got '0'");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--threads", "1,x"})).hasMessageContaining("'x'");
        assertThatThrownBy(() -> BenchmarkMain.parse(new String[] {"--threads", ""})).hasMessageContaining("--threads");
    }
}
