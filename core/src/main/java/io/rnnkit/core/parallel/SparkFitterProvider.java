package io.rnnkit.core.parallel;

import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.TrainingConfig;

/**
 * Makes the fitter that trains on a Spark cluster. The implementation lives in the {@code distributed}
 * module and is found through {@link java.util.ServiceLoader}, so builds without Spark stay small.
 */
public interface SparkFitterProvider {

    /** A fitter connected to {@code execution.sparkMaster()}; the caller closes it. */
    EpochFitter create(ExecutionConfig execution, TrainingConfig training, String applicationName);
}
