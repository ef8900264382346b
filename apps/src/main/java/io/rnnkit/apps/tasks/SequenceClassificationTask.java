package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.ClassificationMetrics;
import io.rnnkit.core.plot.Charts;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.Validation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.classification.Evaluation;

/** Shared judging for tasks that label whole sequences: accuracy, per-class precision/recall, confusion matrix. */
abstract class SequenceClassificationTask implements ReferenceTask {

    /** Display names of the classes, in label order. */
    abstract List<String> classNames();

    @Override
    public Validation validation(TaskData data) {
        return new Validation("accuracy", true,
                model -> ClassificationMetrics.summarize(ClassificationMetrics.evaluate(model, data.validation())));
    }

    @Override
    public Map<String, Double> evaluate(Model model, TaskData data, String split) {
        return ClassificationMetrics.summarize(ClassificationMetrics.evaluate(model, data.heldOut(split)));
    }

    @Override
    public String headline(Map<String, Double> metrics, String split) {
        return String.format(Locale.ROOT, "%s: %s accuracy %.4f", id(), split, metrics.get("accuracy"));
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        Evaluation evaluation = ClassificationMetrics.evaluate(model, data.test());
        Charts.confusionMatrix(run.plot("confusion"), id() + ": test confusion matrix",
                ClassificationMetrics.confusionCounts(evaluation), classNames());
    }
}
