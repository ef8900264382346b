package io.rnnkit.models.regularization;

import java.io.Serializable;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight tying (Press and Wolf 2017; Inan et al. 2017) between a network's input embedding {@code E}
 * [vocabulary, width] and its softmax output weights {@code W} [width, vocabulary], kept as two DL4J
 * parameters that stay equal, {@code W = Eᵀ}: {@link #tie} copies E into W once, and after every backward
 * pass this listener replaces both gradients by their sum, which is the gradient of the one shared matrix.
 * Element-wise updaters (SGD, Adam, Nadam) then move both copies identically, so they stay bit-identical.
 *
 * <p>Why two arrays and not one: DL4J gives every layer its own view of one flat parameter vector, and a
 * layer cannot read another's parameters. Add this listener before any gradient clipping, so that clipping
 * sees the summed gradient.
 */
public final class TiedEmbeddings extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int BLOCK = 64;

    /** Index of the embedding layer, whose W is [vocabulary, width]. */
    private final int embeddingLayer;
    /** Index of the output layer, whose W is [width, vocabulary]. */
    private final int outputLayer;

    /**
     * Ties layer {@code embeddingLayer}'s W [vocabulary, width] to layer {@code outputLayer}'s W [width, vocabulary].
     *
     * @param embeddingLayer index of the embedding layer in the network
     * @param outputLayer    index of the output layer in the network
     */
    public TiedEmbeddings(int embeddingLayer, int outputLayer) {
        this.embeddingLayer = embeddingLayer;
        this.outputLayer = outputLayer;
    }

    /**
     * Sets the output weights to the embedding's transpose and returns the listener that keeps them so.
     *
     * @param network        the network holding both layers
     * @param embeddingLayer index of the embedding layer
     * @param outputLayer    index of the output layer
     * @return the listener to add to the network, ahead of any gradient clipping
     * @throws IllegalArgumentException when the two weight matrices are not each other's transpose in shape
     */
    public static TiedEmbeddings tie(MultiLayerNetwork network, int embeddingLayer, int outputLayer) {
        TiedEmbeddings tied = new TiedEmbeddings(embeddingLayer, outputLayer);
        INDArray embedding = weights(network, embeddingLayer);
        INDArray output = weights(network, outputLayer);
        if (embedding.rows() != output.columns() || embedding.columns() != output.rows()) {
            throw new IllegalArgumentException("tied embeddings need an embedding [V, H] and output weights [H, V], got "
                    + java.util.Arrays.toString(embedding.shape()) + " and " + java.util.Arrays.toString(output.shape()));
        }
        output.assign(embedding.transpose());
        return tied;
    }

    private static INDArray weights(MultiLayerNetwork network, int layer) {
        return network.getLayer(layer).getParam(DefaultParamInitializer.WEIGHT_KEY);
    }

    @Override
    public void onGradientCalculation(Model model) {
        var gradients = model.gradient();
        INDArray embedding = gradients.getGradientFor(embeddingLayer + "_" + DefaultParamInitializer.WEIGHT_KEY);
        INDArray output = gradients.getGradientFor(outputLayer + "_" + DefaultParamInitializer.WEIGHT_KEY);
        if (isDenseFloat(embedding) && isDenseFloat(output)) {
            sumInPlace(embedding, output);
        } else {
            INDArray sum = embedding.add(output.transpose());
            embedding.assign(sum);
            output.assign(sum.transpose());
        }
    }

    /** A float matrix whose values lie column after column with no gaps, as DL4J's 'f' parameter views do. */
    private static boolean isDenseFloat(INDArray matrix) {
        return matrix.dataType() == DataType.FLOAT && matrix.ordering() == 'f' && matrix.stride(0) == 1
                && matrix.stride(1) == matrix.size(0);
    }

    /**
     * E[v, h] and W[h, v] both become their sum, walking the two transposed layouts in square blocks so that
     * both stay in cache (ND4J's strided transposed assign took 40-130 ms for 10,000 × 500 under load).
     */
    private static void sumInPlace(INDArray embedding, INDArray output) {
        int words = (int) embedding.size(0);
        int width = (int) embedding.size(1);
        FloatBuffer e = embedding.data().asNioFloat();
        FloatBuffer w = output.data().asNioFloat();
        int eBase = (int) embedding.offset();
        int wBase = (int) output.offset();
        for (int v0 = 0; v0 < words; v0 += BLOCK) {
            int v1 = Math.min(words, v0 + BLOCK);
            for (int h0 = 0; h0 < width; h0 += BLOCK) {
                int h1 = Math.min(width, h0 + BLOCK);
                for (int v = v0; v < v1; v++) {
                    int wRow = wBase + v * width;
                    for (int h = h0; h < h1; h++) {
                        int ei = eBase + v + h * words;
                        float sum = e.get(ei) + w.get(wRow + h);
                        e.put(ei, sum);
                        w.put(wRow + h, sum);
                    }
                }
            }
        }
    }
}
