package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.Perplexity;
import io.rnnkit.core.train.Validation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Shared judging for language models: perplexity over contiguous held-out streams, with the hidden
 * state carried from batch to batch as the reference evaluations do.
 */
abstract class LanguageModelTask implements ReferenceTask {

    @Override
    public Validation validation(TaskData data) {
        return new Validation("perplexity", false, model -> measure(model, data.validation()));
    }

    @Override
    public Map<String, Double> evaluate(Model model, TaskData data, String split) {
        return measure(model, data.heldOut(split));
    }

    static Map<String, Double> measure(Model model, MultiDataSetIterator stream) {
        Perplexity.Totals totals = Perplexity.evaluate(model, stream, true);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("perplexity", totals.perplexity());
        metrics.put("nll", totals.meanNll());
        metrics.put("tokens", (double) totals.tokens());
        return metrics;
    }

    @Override
    public String headline(Map<String, Double> metrics, String split) {
        return String.format(Locale.ROOT, "%s: %s perplexity %.2f (%.4f nats per token)", id(), split,
                metrics.get("perplexity"), metrics.get("nll"));
    }
}
