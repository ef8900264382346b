package io.rnnkit.core.metrics;

import io.rnnkit.core.train.Networks;
import io.rnnkit.models.layers.output.ClassTargets;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Language-model perplexity: exp of the mean negative log-likelihood over all target tokens.
 *
 * <p>Labels are one-hot over the vocabulary, [batch, vocab, time], or class indices [batch, 1, time];
 * masked steps do not count.
 * For contiguous streams (PTB, sequential char batches) the hidden state can be carried from
 * batch to batch with {@code rnnTimeStep}, as the reference evaluation does.
 */
public final class Perplexity {

    /** Accumulated negative log-likelihood and token count. */
    public record Totals(double negativeLogLikelihood, long tokens) {
        public double meanNll() {
            return negativeLogLikelihood / tokens;
        }

        public double perplexity() {
            return Math.exp(meanNll());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Perplexity.class);
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;

    private Perplexity() {
    }

    /**
     * Evaluates over every batch; with {@code carryState} (MultiLayerNetwork only) the state flows
     * from batch to batch through {@code rnnTimeStep} and is cleared before and after.
     */
    public static Totals evaluate(Model model, MultiDataSetIterator data, boolean carryState) {
        MultiLayerNetwork stream = carryState ? (MultiLayerNetwork) model : null;
        if (stream != null) {
            stream.rnnClearPreviousState();
        }
        double nll = 0;
        long tokens = 0;
        long started = System.nanoTime();
        long lastLine = started;
        int batches = 0;
        data.reset();
        try {
            while (data.hasNext()) {
                MultiDataSet batch = data.next();
                INDArray probabilities = stream != null
                        ? stream.rnnTimeStep(batch.getFeatures(0))
                        : Networks.output(model, batch)[0];
                Totals totals = negativeLogLikelihood(batch.getLabels(0), probabilities, batch.getLabelsMaskArray(0));
                // 28 MB per PTB batch; left to the garbage collector, a held-out pass piled up gigabytes.
                Networks.releaseOutputs(new INDArray[] {probabilities}, batch);
                nll += totals.negativeLogLikelihood();
                tokens += totals.tokens();
                batches++;
                long now = System.nanoTime();
                if (now - lastLine >= PROGRESS_INTERVAL_NANOS) {
                    // A held-out pass over a large corpus takes minutes; show that it moves.
                    lastLine = now;
                    LOG.info("held-out pass: {} batches, {} tokens, {} tokens/s", batches, tokens,
                            Math.round(tokens / ((now - started) / 1e9)));
                }
            }
        } finally {
            if (stream != null) {
                stream.rnnClearPreviousState();
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no evaluation tokens: the iterator produced no unmasked steps");
        }
        return new Totals(nll, tokens);
    }

    /**
     * Summed -log p(target) over the unmasked steps of one batch, and how many steps that was. One-hot labels
     * are scanned in place for their classes ({@link ClassTargets}) rather than cast to double and multiplied
     * with the probabilities element-wise: for one-hot labels of PTB's shape ([20, 10000, 35], 28 MB) that took
     * 120-130 ms a batch, against 2-5 ms now.
     */
    public static Totals negativeLogLikelihood(INDArray labels, INDArray probabilities, INDArray mask) {
        checkShapes(labels, probabilities);
        int examples = (int) labels.size(0);
        int steps = (int) labels.size(2);
        int classes = (int) probabilities.size(1);
        int[] target = labels.size(1) == classes && classes > 1
                ? ClassTargets.read(labels, mask, examples, steps, classes, "labels").target()
                : indexTargets(labels, classes);
        double[] weight = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double nll = 0;
        double tokens = 0;
        for (int i = 0; i < examples; i++) {
            for (int t = 0; t < steps; t++) {
                int row = i * steps + t;
                double w = weight == null ? 1.0 : weight[row];
                if (w != 0.0) {
                    double p = target[row] < 0 ? 0.0 : probabilities.getDouble(i, target[row], t);
                    nll -= w * Math.log(Math.max(p, 1e-30));
                    tokens += w;
                }
            }
        }
        return new Totals(nll, Math.round(tokens));
    }

    /** The class index of each [example, step] row of [batch, 1, time] labels. */
    private static int[] indexTargets(INDArray labels, int classes) {
        long examples = labels.size(0);
        long steps = labels.size(2);
        int[] target = new int[(int) (examples * steps)];
        for (int i = 0; i < examples; i++) {
            for (int t = 0; t < steps; t++) {
                int index = labels.getInt(i, 0, t);
                if (index < 0 || index >= classes) {
                    throw new IllegalArgumentException("labels: class index " + index + " at [" + i + ", " + t
                            + "] is outside the " + classes + " predicted classes");
                }
                target[(int) (i * steps + t)] = index;
            }
        }
        return target;
    }

    /** Labels are one-hot like the probabilities or one index per step, over the same examples and steps. */
    private static void checkShapes(INDArray labels, INDArray probabilities) {
        boolean sameLayout = labels.rank() == 3 && probabilities.rank() == 3
                && labels.size(0) == probabilities.size(0) && labels.size(2) == probabilities.size(2)
                && (labels.size(1) == probabilities.size(1) || labels.size(1) == 1);
        if (!sameLayout) {
            throw new IllegalArgumentException("labels: shape " + java.util.Arrays.toString(labels.shape())
                    + " fits neither one-hot nor index labels for probabilities of shape "
                    + java.util.Arrays.toString(probabilities.shape()));
        }
    }
}
