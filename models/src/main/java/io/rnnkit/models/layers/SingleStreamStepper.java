package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.PackedMatVec;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a float language model made of rnnkit recurrent layers one symbol at a time for a single
 * sequence, on heap arrays: each step is a few Vector API mat-vec products and the layers' own gate
 * math, with none of the ND4J calls that {@code rnnTimeStep} makes per step (about 0.6 ms each here,
 * against tens of microseconds of arithmetic for a 256-unit layer).
 *
 * <p>Supported networks: an optional {@code EmbeddingSequenceLayer} (identity activation) or one-hot
 * input, then {@link SimpleRnn}, {@link Lstm} and {@link Gru} layers (with {@code DropoutLayer}s,
 * which do nothing at inference), then a softmax output ({@link SoftmaxCrossEntropyOutput} or
 * {@code RnnOutputLayer} with softmax). {@link #tryCompile} returns empty for anything else, and the
 * caller keeps {@code rnnTimeStep}. The stepper copies the weights when it is made, so it does not see
 * later training; it is not safe to share between threads.
 */
public final class SingleStreamStepper {

    private static final Logger LOG = LoggerFactory.getLogger(SingleStreamStepper.class);

    private final int symbols;
    private final float[] embedding;
    private final int embeddingWidth;
    private final float[] embeddedInput;
    private final List<FusedLayerStepper> layers;
    private final SoftmaxStep head;

    private SingleStreamStepper(int symbols, float[] embedding, int embeddingWidth, List<FusedLayerStepper> layers,
                                SoftmaxStep head) {
        this.symbols = symbols;
        this.embedding = embedding;
        this.embeddingWidth = embeddingWidth;
        this.embeddedInput = new float[embeddingWidth];
        this.layers = layers;
        this.head = head;
    }

    /**
     * A stepper for {@code network} if all its layers are supported (see the class comment) and its
     * parameters are float; empty otherwise, with the reason logged at debug level.
     *
     * @param network the trained network, whose weights the stepper copies
     * @return the stepper, or empty when the network has a part it does not support
     */
    public static Optional<SingleStreamStepper> tryCompile(MultiLayerNetwork network) {
        String unsupported = unsupportedPart(network);
        if (unsupported != null) {
            LOG.debug("no heap stepper for this network ({}); stepping through rnnTimeStep", unsupported);
            return Optional.empty();
        }
        Layer[] impls = network.getLayers();
        int first = 0;
        float[] embedding = null;
        int embeddingWidth = 0;
        if (network.getLayerWiseConfigurations().getConf(0).getLayer() instanceof EmbeddingSequenceLayer conf) {
            embeddingWidth = (int) conf.getNOut();
            embedding = embeddingTable(impls[0], conf.hasBias(), embeddingWidth);
            first = 1;
        }
        List<FusedLayerStepper> recurrent = new ArrayList<>();
        for (int i = first; i < impls.length - 1; i++) {
            if (impls[i] instanceof FusedRecurrentLayerImpl fused) {
                recurrent.add(new FusedLayerStepper(fused));
            }
        }
        int symbols = embedding != null ? embedding.length / embeddingWidth : recurrent.get(0).inputs();
        return Optional.of(new SingleStreamStepper(symbols, embedding, embeddingWidth, recurrent,
                new SoftmaxStep(impls[impls.length - 1])));
    }

    /** Why the network cannot be stepped on the heap, or null when it can. */
    private static String unsupportedPart(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        if (network.params().dataType() != DataType.FLOAT) {
            return "parameters are " + network.params().dataType() + ", not FLOAT";
        }
        if (conf.getInputPreProcessors() != null && !conf.getInputPreProcessors().isEmpty()) {
            return "the network has input preprocessors";
        }
        int count = conf.getConfs().size();
        boolean anyRecurrent = false;
        for (int i = 0; i < count; i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            boolean supported = i == count - 1 ? isSoftmaxOutput(layer)
                    : layer instanceof FusedRecurrentLayer || layer instanceof DropoutLayer
                            || i == 0 && isPlainEmbedding(layer);
            if (!supported) {
                return "layer " + i + " is a " + layer.getClass().getSimpleName();
            }
            anyRecurrent |= layer instanceof FusedRecurrentLayer;
        }
        return anyRecurrent ? null : "no rnnkit recurrent layer";
    }

    private static boolean isPlainEmbedding(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return layer instanceof EmbeddingSequenceLayer embedding
                && (embedding.getActivationFn() == null || embedding.getActivationFn() instanceof ActivationIdentity);
    }

    private static boolean isSoftmaxOutput(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof SoftmaxCrossEntropyOutput) {
            return true;
        }
        return layer instanceof RnnOutputLayer output && output.getActivationFn() instanceof ActivationSoftmax
                && output.hasBias();
    }

    private static float[] embeddingTable(Layer layer, boolean hasBias, int width) {
        float[][] rows = layer.getParam("W").toFloatMatrix();
        float[] table = new float[rows.length * width];
        float[] bias = hasBias ? layer.getParam("b").toFloatVector() : new float[width];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < width; j++) {
                table[r * width + j] = rows[r][j] + bias[j];
            }
        }
        return table;
    }

    /**
     * Number of input symbols (the one-hot width or the embedding's vocabulary).
     *
     * @return the number of symbols {@link #step} takes
     */
    public int symbols() {
        return symbols;
    }

    /** Clears the recurrent state, as {@code rnnClearPreviousState} does, for a new sequence. */
    public void reset() {
        for (FusedLayerStepper layer : layers) {
            layer.reset();
        }
    }

    /**
     * Feeds {@code symbol} as the next time step and returns the softmax over the output symbols; the
     * array is reused by the next call.
     *
     * @param symbol the input symbol, in [0, {@link #symbols()})
     * @return the probabilities of the output symbols
     * @throws IllegalArgumentException when the symbol is outside [0, {@link #symbols()})
     */
    public double[] step(int symbol) {
        if (symbol < 0 || symbol >= symbols) {
            throw new IllegalArgumentException("symbol " + symbol + " is outside [0, " + symbols + ")");
        }
        float[] x;
        int next = 0;
        if (embedding == null) {
            x = layers.get(0).stepOneHot(symbol);
            next = 1;
        } else {
            x = embeddedInput;
            System.arraycopy(embedding, symbol * embeddingWidth, x, 0, embeddingWidth);
        }
        for (int i = next; i < layers.size(); i++) {
            x = layers.get(i).step(x);
        }
        return head.probabilities(x);
    }

    /** The softmax output layer on one step: logits = h·W + b, then a softmax in double. */
    private static final class SoftmaxStep {

        private final int outputs;
        private final PackedMatVec weights;
        private final double[] bias;
        private final float[] logits;
        private final double[] probabilities;

        SoftmaxStep(Layer layer) {
            FeedForwardLayer conf = (FeedForwardLayer) layer.conf().getLayer();
            outputs = (int) conf.getNOut();
            weights = new PackedMatVec(layer.getParam("W").toFloatMatrix());
            bias = layer.getParam("b").toDoubleVector();
            logits = new float[weights.paddedColumns()];
            probabilities = new double[outputs];
        }

        double[] probabilities(float[] h) {
            weights.multiply(h, logits);
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < outputs; v++) {
                probabilities[v] = logits[v] + bias[v];
                max = Math.max(max, probabilities[v]);
            }
            double sum = 0;
            for (int v = 0; v < outputs; v++) {
                probabilities[v] = Math.exp(probabilities[v] - max);
                sum += probabilities[v];
            }
            for (int v = 0; v < outputs; v++) {
                probabilities[v] /= sum;
            }
            return probabilities;
        }
    }
}
