package io.rnnkit.core.metrics;

import io.rnnkit.core.train.Networks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Accuracy and per-class precision/recall through DL4J's {@link Evaluation}, for whole-sequence or per-step labels. */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /** Evaluates the model's first output on every batch of {@code data} (masked steps are skipped). */
    public static Evaluation evaluate(Model model, MultiDataSetIterator data) {
        Evaluation evaluation = null;
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            INDArray[] outputs = Networks.output(model, batch);
            INDArray labels = batch.getLabels(0);
            if (evaluation == null) {
                evaluation = new Evaluation((int) labels.size(1));
            }
            evaluation.eval(labels, outputs[0], batch.getLabelsMaskArray(0));
            Networks.releaseOutputs(outputs, batch);
        }
        if (evaluation == null) {
            throw new IllegalArgumentException("no evaluation data: the iterator produced no batches");
        }
        return evaluation;
    }

    /** Accuracy plus macro precision and recall, and each class's precision and recall, by name. */
    public static Map<String, Double> summarize(Evaluation evaluation) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", evaluation.accuracy());
        // Explicitly macro: DL4J's no-argument precision() and recall() report only class 1 when there are two classes.
        metrics.put("precision", evaluation.precision(EvaluationAveraging.Macro));
        metrics.put("recall", evaluation.recall(EvaluationAveraging.Macro));
        int classes = evaluation.getNumRowCounter() == 0 ? 0 : evaluation.getConfusionMatrix().getClasses().size();
        for (int c = 0; c < classes; c++) {
            metrics.put("precision_" + c, evaluation.precision(c));
            metrics.put("recall_" + c, evaluation.recall(c));
        }
        return metrics;
    }

    /** The confusion matrix as counts[actual][predicted]. */
    public static int[][] confusionCounts(Evaluation evaluation) {
        int classes = evaluation.getConfusionMatrix().getClasses().size();
        int[][] counts = new int[classes][classes];
        for (int actual = 0; actual < classes; actual++) {
            for (int predicted = 0; predicted < classes; predicted++) {
                counts[actual][predicted] = evaluation.getConfusionMatrix().getCount(actual, predicted);
            }
        }
        return counts;
    }
}
