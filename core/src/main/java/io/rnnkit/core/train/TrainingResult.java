package io.rnnkit.core.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import java.util.Map;

/**
 * What a finished (or stopped) run achieved.
 *
 * @param model          the trained network (the one loaded from the checkpoint, when resumed)
 * @param history        one record per epoch, including epochs from before a resume
 * @param finalMetrics   validation metrics of the final model (empty without validation)
 * @param wallSeconds    training wall time, including time before a resume
 * @param itemsPerSecond training throughput in tokens (sequence models) or examples per second
 * @param stoppedEarly   whether early stopping ended the run
 * @param interrupted    whether Ctrl-C ended the run (a checkpoint was written)
 * @param modelEpoch     the epoch whose weights {@code model} holds (the best one under keep-best)
 */
public record TrainingResult(Model model, List<EpochRecord> history, Map<String, Double> finalMetrics, double wallSeconds,
                             double itemsPerSecond, boolean stoppedEarly, boolean interrupted, int modelEpoch) {
}
