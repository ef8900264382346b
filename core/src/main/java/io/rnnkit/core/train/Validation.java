package io.rnnkit.core.train;

import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/**
 * How a run judges its model between epochs: a named headline metric and the direction that is better.
 *
 * @param metric          name of the headline metric, for example "accuracy" or "perplexity"
 * @param higherIsBetter  whether larger values of the metric are better
 * @param evaluator       computes all metrics, including the headline one, on held-out data
 */
public record Validation(String metric, boolean higherIsBetter, Evaluator evaluator) {

    /** Computes named metrics for a model without disturbing its training state. */
    @FunctionalInterface
    public interface Evaluator {
        Map<String, Double> evaluate(Model model);
    }

    /** True when {@code candidate} is strictly better than {@code best} (NaN best means no best yet). */
    public boolean improves(double candidate, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return higherIsBetter ? candidate > best : candidate < best;
    }
}
