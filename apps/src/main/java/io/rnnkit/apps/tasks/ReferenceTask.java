package io.rnnkit.apps.tasks;

import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.Validation;
import io.rnnkit.models.spec.ModelSpec;
import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/**
 * One reference task: its data, its reference network and training settings, and how it is judged.
 *
 * <p>Defaults reproduce the reference configuration in DESIGN.md; the CLI may override any field.
 */
public interface ReferenceTask {

    /** The id used on the command line, for example "waves". */
    String id();

    /** Whether {@code --fraction} shrinks this task's training set; tasks of a fixed size refuse it. */
    default boolean usesFraction() {
        return false;
    }

    /** Whether Spark executors can read this task's training batches themselves ({@code --spark-data}). */
    default boolean readsSharedData() {
        return false;
    }

    /** Loads or generates the task's data; fails with a one-line error for a missing corpus. */
    TaskData prepare(TaskOptions options);

    /** The reference network for this data. */
    ModelSpec defaultSpec(TaskData data, TaskOptions options);

    /** The reference training settings. */
    TrainingConfig defaultTraining(long seed);

    /** The training settings for these options: the reference ones unless a preset changes them. */
    default TrainingConfig defaultTraining(long seed, TaskOptions options) {
        return defaultTraining(seed);
    }

    /** The names {@code --preset} takes for this task; none by default. */
    default java.util.Set<String> presets() {
        return java.util.Set.of();
    }

    /** Whether {@code --random-bptt} applies: language models trained on contiguous windows. */
    default boolean usesRandomBptt() {
        return false;
    }

    /** The metric checked after each epoch (for early stopping and the learning curve). */
    Validation validation(TaskData data);

    /** All final metrics on a split ("test" or "valid"); the first entry is the headline one. */
    Map<String, Double> evaluate(Model model, TaskData data, String split);

    /** The one line the train and evaluate commands end with, for example "waves: test accuracy 0.9967". */
    String headline(Map<String, Double> metrics, String split);

    /** Task-specific plots (confusion matrix, predicted vs true, samples) beyond the learning curve. */
    void writePlots(Model model, TaskData data, RunDirectory run) throws IOException;
}
