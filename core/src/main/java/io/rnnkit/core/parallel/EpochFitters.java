package io.rnnkit.core.parallel;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.TrainingConfig;
import java.util.Optional;
import java.util.ServiceLoader;

/** Chooses the engine an {@link ExecutionConfig} asks for, after checking that the run can be split up. */
public final class EpochFitters {

    private EpochFitters() {
    }

    /**
     * The fitter for a distributed run, or empty for plain training on the trainer's thread.
     *
     * @throws UserInputException when the run carries hidden state across batches (stateful), which
     *                            replicas that each see different batches cannot do, or when Spark is
     *                            asked for in a build without it
     */
    public static Optional<EpochFitter> create(ExecutionConfig execution, TrainingConfig training, String applicationName) {
        if (!execution.distributed()) {
            return Optional.empty();
        }
        String engine = execution.onSpark() ? "--spark " + execution.sparkMaster() : "--workers " + execution.workers();
        if (training.stateful()) {
            throw new UserInputException(engine + ": this run is stateful (hidden state carried from batch to batch), "
                    + "which data-parallel replicas cannot do; add --stateful false or train on one worker");
        }
        if (!execution.onSpark()) {
            return Optional.of(new ParallelWrapperFitter(execution));
        }
        SparkFitterProvider provider = ServiceLoader.load(SparkFitterProvider.class).findFirst()
                .orElseThrow(() -> new UserInputException(engine + ": this rnnkit build has no Spark support; "
                        + "build it with: mvn -q -Pspark -DskipTests package"));
        return Optional.of(provider.create(execution, training, applicationName));
    }
}
