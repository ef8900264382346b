package io.rnnkit.models.regularization;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer of {@link WordDropoutEmbedding}: scaling the looked-up vector of each position by its word's
 * mask entry is the same as masking the word's row of the matrix, and the row's gradient gets the same
 * factor through the scaled epsilon.
 */
final class WordDropoutEmbeddingImpl extends EmbeddingSequenceLayer {

    private final double wordKeep;
    /** Per-position factors [batch, 1, time] of the latest training pass, or null. */
    private transient INDArray positionScale;

    WordDropoutEmbeddingImpl(NeuralNetConfiguration conf, DataType dataType, double wordKeep) {
        super(conf, dataType);
        this.wordKeep = wordKeep;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        positionScale = null;
        if (!training || wordKeep >= 1.0) {
            return out;
        }
        positionScale = positionScale(out.dataType(), out.size(0), out.size(2));
        out.muli(positionScale.broadcast(out.shape()));
        return out;
    }

    /** One Bernoulli(keep)/keep draw per vocabulary row, gathered at each position's word. */
    private INDArray positionScale(DataType dataType, long batch, long steps) {
        // Outside DL4J's workspaces: the factors must live from the forward pass to the backward pass.
        try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return drawPositionScale(dataType, batch, steps);
        }
    }

    private INDArray drawPositionScale(DataType dataType, long batch, long steps) {
        INDArray rowMask = Nd4j.createUninitialized(DataType.DOUBLE, layerConf().getNIn());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(rowMask, wordKeep));
        double[] rows = rowMask.toDoubleVector();
        double[] words = input.reshape(batch, steps).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] scale = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            scale[i] = rows[(int) words[i]] / wordKeep;
        }
        return Nd4j.create(scale, new long[] {batch, 1, steps}, 'c').castTo(dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray scaled = positionScale == null ? epsilon : epsilon.mul(positionScale.broadcast(epsilon.shape()));
        return super.backpropGradient(scaled, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        positionScale = null;
    }
}
