package io.rnnkit.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpochFittersTest {

    private static final TrainingConfig PLAIN = TrainingConfig.basic(1, Optimizer.SGD, 0.1, 1);
    private static final TrainingConfig STATEFUL = new TrainingConfig(1, Optimizer.SGD, 0.1, 0, 1.0, 0, 0, true, 1);

    @Test
    void localTrainingNeedsNoFitter() {
        assertThat(EpochFitters.create(ExecutionConfig.LOCAL, PLAIN, "test")).isEmpty();
    }

    @Test
    void twoWorkersTrainThroughParallelWrapper() {
        Optional<EpochFitter> fitter = EpochFitters.create(ExecutionConfig.fromMap(Map.of("workers", "2")), PLAIN, "test");

        assertThat(fitter).containsInstanceOf(ParallelWrapperFitter.class);
        fitter.get().close();
    }

    @Test
    void statefulRunsCannotBeSplitAcrossReplicas() {
        assertThatThrownBy(() -> EpochFitters.create(ExecutionConfig.fromMap(Map.of("workers", "2")), STATEFUL, "test"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--workers 2: this run is stateful")
                .hasMessageContaining("--stateful false");
    }

    @Test
    void sparkWithoutTheSparkModuleSaysHowToBuildIt() {
        // core's own tests run without the distributed module, so no SparkFitterProvider is registered.
        assertThatThrownBy(() -> EpochFitters.create(ExecutionConfig.fromMap(Map.of("spark", "local[2]")), PLAIN, "t"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--spark local[2]: this rnnkit build has no Spark support; "
                        + "build it with: mvn -q -Pspark -DskipTests package");
    }
}
