package io.rnnkit.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionConfigTest {

    @Test
    void roundTripsThroughItsFlatForm() {
        ExecutionConfig config = new ExecutionConfig(1, "spark://head:7077", ExecutionConfig.Synchronization.SHARING,
                3, "10.0.0.0/16", 40200);

        assertThat(ExecutionConfig.fromMap(config.toMap())).isEqualTo(config);
    }

    @Test
    void anEmptyMapIsPlainLocalTraining() {
        ExecutionConfig config = ExecutionConfig.fromMap(Map.of());

        assertThat(config).isEqualTo(ExecutionConfig.LOCAL);
        assertThat(config.distributed()).isFalse();
        assertThat(config.onSpark()).isFalse();
    }

    @Test
    void tellsLocalSparkMastersFromClusters() {
        assertThat(ExecutionConfig.fromMap(Map.of("spark", "local[2]")).sparkIsLocal()).isTrue();
        assertThat(ExecutionConfig.fromMap(Map.of("spark", "local")).sparkIsLocal()).isTrue();
        assertThat(ExecutionConfig.fromMap(Map.of("spark", "spark://h:7077")).sparkIsLocal()).isFalse();
        assertThat(ExecutionConfig.fromMap(Map.of("workers", "2")).distributed()).isTrue();
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("workers", "0")))
                .isInstanceOf(UserInputException.class).hasMessage("workers: must be at least 1, got 0");
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("workers", "two")))
                .isInstanceOf(UserInputException.class).hasMessage("workers: expected a whole number, got 'two'");
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("sync", "gossip")))
                .isInstanceOf(UserInputException.class)
                .hasMessage("sync: unknown value 'gossip'; choose one of [averaging, sharing]");
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("averaging-frequency", "0")))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("averaging-frequency: must be at least 1");
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("spark-port", "70000")))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("spark-port: must be a port number");
    }

    @Test
    void workersAndSparkAreAlternatives() {
        assertThatThrownBy(() -> ExecutionConfig.fromMap(Map.of("workers", "2", "spark", "local[2]")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("--workers 2 and --spark local[2] are alternatives");
    }
}
