package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.RegressionMetrics;
import io.rnnkit.core.plot.Charts;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.Validation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/** Shared judging for regression tasks: MAE and MSE, and a predicted-vs-true plot. */
abstract class RegressionTask implements ReferenceTask {

    /** The metric this task is known by: "mae" or "mse". */
    abstract String headlineMetric();

    /** Predictions and truths on a split, in time order. */
    abstract RegressionMetrics measure(Model model, TaskData data, String split);

    @Override
    public Validation validation(TaskData data) {
        return new Validation(headlineMetric(), false, model -> asMap(measure(model, data, "valid")));
    }

    @Override
    public Map<String, Double> evaluate(Model model, TaskData data, String split) {
        return asMap(measure(model, data, split));
    }

    private Map<String, Double> asMap(RegressionMetrics metrics) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(headlineMetric(), headlineMetric().equals("mae") ? metrics.mae() : metrics.mse());
        map.put(headlineMetric().equals("mae") ? "mse" : "mae", headlineMetric().equals("mae") ? metrics.mse() : metrics.mae());
        return map;
    }

    @Override
    public String headline(Map<String, Double> metrics, String split) {
        return String.format(Locale.ROOT, "%s: %s %s %.6f", id(), split, headlineMetric().toUpperCase(Locale.ROOT),
                metrics.get(headlineMetric()));
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        RegressionMetrics test = measure(model, data, "test");
        Charts.predictedVsTrue(run.plot("predicted-vs-true"), id() + ": test predictions vs truth",
                test.truth(), test.predicted());
    }
}
