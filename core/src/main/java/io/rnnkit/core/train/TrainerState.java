package io.rnnkit.core.train;

import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Where a run stands, saved with each checkpoint so that {@code --resume} continues exactly.
 *
 * @param epochsCompleted           whole epochs finished
 * @param batchesIntoEpoch          batches of the next epoch already trained (non-zero only after Ctrl-C)
 * @param steps                     training steps taken so far
 * @param bestValidation            best headline validation value so far (NaN if none)
 * @param epochsWithoutImprovement  epochs since the best value, for early stopping
 * @param elapsedSeconds            training wall time spent before this checkpoint
 * @param lossSumIntoEpoch          summed training loss of the {@code batchesIntoEpoch} batches, so that the
 *                                  resumed epoch's mean covers all its batches
 */
public record TrainerState(
        @JsonProperty("epochsCompleted") int epochsCompleted,
        @JsonProperty("batchesIntoEpoch") int batchesIntoEpoch,
        @JsonProperty("steps") long steps,
        @JsonProperty("bestValidation") double bestValidation,
        @JsonProperty("epochsWithoutImprovement") int epochsWithoutImprovement,
        @JsonProperty("elapsedSeconds") double elapsedSeconds,
        @JsonProperty("lossSumIntoEpoch") double lossSumIntoEpoch) {

    static TrainerState start() {
        return new TrainerState(0, 0, 0, Double.NaN, 0, 0, 0);
    }
}
