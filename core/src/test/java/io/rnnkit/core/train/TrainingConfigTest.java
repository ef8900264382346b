package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Sgd;

class TrainingConfigTest {

    private static final TrainingConfig PTB_SMALL =
            new TrainingConfig(13, Optimizer.SGD, 1.0, 4, 0.5, 5.0, 0, true, 7);

    @Test
    void roundTripsThroughTheFlatForm() {
        assertThat(TrainingConfig.fromMap(PTB_SMALL.toMap())).isEqualTo(PTB_SMALL);
    }

    @Test
    void keepBestRoundTripsAndIsOffForRunsSavedBeforeIt() {
        TrainingConfig keeping = new TrainingConfig(13, Optimizer.SGD, 1.0, 4, 0.5, 5.0, 0, true, 7, 0, true);
        assertThat(TrainingConfig.fromMap(keeping.toMap())).isEqualTo(keeping);
        Map<String, String> older = new HashMap<>(keeping.toMap());
        older.remove("keep-best");
        assertThat(TrainingConfig.fromMap(older).keepBest()).isFalse();
        assertThat(PTB_SMALL.keepBest()).isFalse();
    }

    @Test
    void updaterCarriesTheDecaySchedule() {
        Sgd sgd = (Sgd) PTB_SMALL.updater();
        assertThat(sgd.getLearningRate(0, 0)).isEqualTo(1.0);
        assertThat(sgd.getLearningRate(0, 5)).isEqualTo(0.25);
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> new TrainingConfig(0, Optimizer.SGD, 1.0, 0, 1, 0, 0, false, 1))
                .isInstanceOf(UserInputException.class).hasMessage("epochs: must be at least 1, got 0");
        assertThatThrownBy(() -> new TrainingConfig(1, Optimizer.SGD, -1, 0, 1, 0, 0, false, 1))
                .hasMessageStartingWith("lr:");
        assertThatThrownBy(() -> new TrainingConfig(1, Optimizer.SGD, 1, 0, 1.5, 0, 0, false, 1))
                .hasMessageStartingWith("decay-factor:");
        assertThatThrownBy(() -> new TrainingConfig(1, Optimizer.SGD, 1, 0, 1, -5, 0, false, 1))
                .hasMessageStartingWith("clip-norm:");
    }

    @Test
    void malformedFlatValuesNameTheirKey() {
        Map<String, String> map = new HashMap<>(PTB_SMALL.toMap());
        map.put("epochs", "lots");
        assertThatThrownBy(() -> TrainingConfig.fromMap(map)).hasMessage("epochs: expected a whole number, got 'lots'");
        map.put("epochs", "3");
        map.put("optimizer", "adagrad");
        assertThatThrownBy(() -> TrainingConfig.fromMap(map)).hasMessageContaining("optimizer: unknown value 'adagrad'");
        map.remove("optimizer");
        assertThatThrownBy(() -> TrainingConfig.fromMap(map)).hasMessage("optimizer: missing");
    }
}
