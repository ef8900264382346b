package io.rnnkit.apps.tasks;

import java.util.Map;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The data a task trains and is judged on.
 *
 * @param train        training batches
 * @param validation   held-out batches checked after every epoch
 * @param test         held-out batches for the final figure
 * @param inputSize    features per step (vocabulary size for symbol inputs)
 * @param outputSize   classes or targets per prediction
 * @param vocabulary   the char or word vocabulary of a language model, or null
 * @param normalizer   the feature normaliser fitted on training data, or null
 * @param sha256       checksums of the corpus files used, by file name (empty for generated data)
 */
public record TaskData(MultiDataSetIterator train, MultiDataSetIterator validation, MultiDataSetIterator test,
                       int inputSize, int outputSize, Object vocabulary, NormalizerStandardize normalizer,
                       Map<String, String> sha256) {

    /** The held-out batches of a split: "valid" or "test". */
    public MultiDataSetIterator heldOut(String split) {
        return switch (split) {
            case "valid" -> validation;
            case "test" -> test;
            default -> throw new io.rnnkit.core.UserInputException("--split: choose test or valid, got '" + split + "'");
        };
    }
}
