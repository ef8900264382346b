package io.rnnkit.onnx;

import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.layers.FusedRecurrentParamInitializer;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An imported ONNX graph read as a language model: an optional embedding ({@code Gather} on a constant table),
 * forward recurrent layers of one cell type and a linear output ({@code MatMul} + {@code Add} or {@code Gemm}),
 * optionally followed by a softmax. {@link #network} turns it into a {@link MultiLayerNetwork} of rnnkit layers with
 * a softmax output, checked against the ONNX graph itself on random tokens before it is returned.
 */
public final class OnnxLanguageModel {

    private static final double TOLERANCE = 1e-4;

    private final OnnxModel model;
    private final INDArray embedding;
    private final OnnxNode embeddingNode;
    private final List<RecurrentOperator> layers;
    private final INDArray outputWeights;
    private final INDArray outputBias;
    private final boolean endsWithSoftmax;

    private OnnxLanguageModel(OnnxModel model, OnnxNode embeddingNode, INDArray embedding,
                              List<RecurrentOperator> layers, INDArray outputWeights, INDArray outputBias,
                              boolean endsWithSoftmax) {
        this.model = model;
        this.embeddingNode = embeddingNode;
        this.embedding = embedding;
        this.layers = layers;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.endsWithSoftmax = endsWithSoftmax;
    }

    /** Reads the language-model structure out of {@code model}; one line naming the file (and node) if it has none. */
    public static OnnxLanguageModel of(OnnxModel model) {
        if (model.inputNames().size() != 1 || model.outputNames().size() != 1) {
            throw new OnnxImportException(model.file() + ": a language model has one input (the token ids) and one"
                    + " output, this graph has " + model.inputNames().size() + " and " + model.outputNames().size());
        }
        OnnxNode embeddingNode = null;
        INDArray embedding = null;
        List<RecurrentOperator> layers = new ArrayList<>();
        INDArray weights = null;
        INDArray bias = null;
        boolean softmax = false;
        for (OnnxNode node : model.nodes()) {
            RecurrentOperator op = model.recurrent(node);
            if (op != null) {
                requireStacked(model, node, op, layers);
                layers.add(op);
            } else if (node.op().equals("Gather") && embedding == null && layers.isEmpty()
                    && model.constant(node.input(0)) != null && model.constant(node.input(0)).rank() == 2
                    && model.constant(node.input(1)) == null) {
                embeddingNode = node;
                embedding = model.constant(node.input(0));
            } else if (node.op().equals("MatMul") && model.constant(node.input(1)) != null) {
                weights = model.constant(node.input(1));
            } else if (node.op().equals("Gemm") && model.constant(node.input(1)) != null) {
                INDArray b = model.constant(node.input(1));
                weights = (node.intAttr("transB", 0) != 0 ? b.transpose() : b).mul(node.floatAttr("alpha", 1f));
                INDArray c = node.input(2).isEmpty() ? null : model.constant(node.input(2));
                bias = c == null ? null : c.mul(node.floatAttr("beta", 1f));
            } else if (node.op().equals("Add") && weights != null && bias == null) {
                bias = model.constant(node.input(0)) != null ? model.constant(node.input(0)) : model.constant(node.input(1));
            }
            softmax |= node.op().equals("Softmax") && weights != null;
        }
        if (layers.isEmpty() || weights == null) {
            throw new OnnxImportException(model.file() + ": not a language model rnnkit can bundle: it needs"
                    + " recurrent layers (LSTM, GRU or RNN) followed by a linear output (MatMul + Add or Gemm)");
        }
        int hidden = layers.get(0).hidden();
        if (weights.rank() != 2 || weights.size(0) != hidden) {
            throw new OnnxImportException(model.file() + ": the output weights have shape "
                    + java.util.Arrays.toString(weights.shape()) + ", expected [" + hidden + ", vocabulary size]");
        }
        if (bias == null) {
            bias = Nd4j.zeros(DataType.FLOAT, weights.size(1));
        }
        return new OnnxLanguageModel(model, embeddingNode, embedding, layers, weights, bias, softmax);
    }

    private static void requireStacked(OnnxModel model, OnnxNode node, RecurrentOperator op,
                                       List<RecurrentOperator> before) {
        if (!op.direction().equals("forward")) {
            throw node.error("a language model's recurrent layers run forward; direction " + op.direction()
                    + " cannot be bundled");
        }
        if (model.constant(node.input(1)) == null || model.constant(node.input(2)) == null) {
            throw node.error("W and R must be initializers to bundle the model");
        }
        if (!before.isEmpty() && (before.get(0).kind() != op.kind() || before.get(0).hidden() != op.hidden())) {
            throw node.error("every recurrent layer must have the first one's cell and hidden_size ("
                    + before.get(0).kind() + ", " + before.get(0).hidden() + ")");
        }
    }

    /** The number of symbols the model reads and predicts. */
    public int vocabularySize() {
        return (int) outputWeights.size(1);
    }

    /** The node that names the vocabulary size in errors: the embedding, else the first recurrent node. */
    public String describeInput() {
        OnnxNode node = embeddingNode != null ? embeddingNode : layers.get(0).node();
        return "node '" + node.name() + "' (" + node.op() + ")";
    }

    /** The recurrent cell: LSTM, GRU or RNN. */
    public String cell() {
        return layers.get(0).kind().name();
    }

    /** The recurrent layers' activation ("tanh" or "relu"). */
    public String activation() {
        return layers.get(0).layers().get(0).getActivationFn().toString().toLowerCase(java.util.Locale.ROOT);
    }

    public int layerCount() {
        return layers.size();
    }

    public int hidden() {
        return layers.get(0).hidden();
    }

    /** The embedding width, 0 where the graph takes one-hot input. */
    public int embeddingSize() {
        return embedding == null ? 0 : (int) embedding.size(1);
    }

    /**
     * The network of rnnkit layers: with {@code embeddingLayer} an {@link EmbeddingSequenceLayer} reads ids
     * [batch, 1, time]; without, the embedding is folded into the first layer's input weights, which then read one-hot
     * [batch, V, time] as rnnkit's char-lm does. The output is a {@link SoftmaxCrossEntropyOutput}.
     */
    public MultiLayerNetwork network(boolean embeddingLayer) {
        if (embeddingLayer && embedding == null) {
            throw new OnnxImportException(model.file() + ": the graph has no embedding (Gather), so it cannot take"
                    + " token ids; use a task with one-hot input (char-lm)");
        }
        int vocabulary = vocabularySize();
        if (embedding != null && embedding.size(0) != vocabulary) {
            throw embeddingNode.error("the embedding has " + embedding.size(0) + " rows but the output predicts "
                    + vocabulary + " symbols");
        }
        ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        int width = embeddingLayer ? embeddingSize() : vocabulary;
        if (embeddingLayer) {
            list.layer(new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(embeddingSize()).hasBias(false)
                    .outputDataFormat(RNNFormat.NCW).build());
        }
        for (RecurrentOperator op : layers) {
            FusedRecurrentLayer layer = (FusedRecurrentLayer) op.layers().get(0).clone();
            layer.setNIn(width);
            list.layer(layer);
            width = op.hidden();
        }
        list.layer(new SoftmaxCrossEntropyOutput.Builder().nIn(width).nOut(vocabulary).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        copyParameters(net, embeddingLayer);
        verify(net, embeddingLayer);
        return net;
    }

    private void copyParameters(MultiLayerNetwork net, boolean embeddingLayer) {
        int index = 0;
        if (embeddingLayer) {
            net.getLayer(index++).getParam(DefaultParamInitializer.WEIGHT_KEY).assign(embedding);
        }
        for (int i = 0; i < layers.size(); i++) {
            RecurrentOperator op = layers.get(i);
            OnnxNode node = op.node();
            INDArray b = node.input(3).isEmpty() ? null : model.constant(node.input(3));
            RecurrentOperator.RnnkitParameters p = RecurrentOperator.toRnnkit(op.kind(), op.hidden(),
                    model.constant(node.input(1)).get(NDArrayIndex.point(0)),
                    model.constant(node.input(2)).get(NDArrayIndex.point(0)),
                    b == null ? null : b.get(NDArrayIndex.point(0)));
            Layer layer = net.getLayer(index++);
            INDArray w = i == 0 && !embeddingLayer && embedding != null
                    ? embedding.castTo(DataType.FLOAT).mmul(p.w()) : p.w();
            layer.getParam(FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY).assign(w);
            layer.getParam(FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY).assign(p.rw());
            layer.getParam(FusedRecurrentParamInitializer.BIAS_KEY).assign(p.b());
            if (p.rb() != null) {
                layer.getParam(FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY).assign(p.rb());
            }
        }
        Layer output = net.getLayer(index);
        output.getParam(DefaultParamInitializer.WEIGHT_KEY).assign(outputWeights.castTo(DataType.FLOAT));
        output.getParam(DefaultParamInitializer.BIAS_KEY).assign(outputBias.castTo(DataType.FLOAT).reshape(1, -1));
    }

    /** Runs the network and the ONNX graph on the same random tokens and requires equal probabilities. */
    private void verify(MultiLayerNetwork net, boolean embeddingLayer) {
        int vocabulary = vocabularySize();
        int batch = 2;
        int steps = 5;
        Random random = new Random(15);
        long[][] ids = new long[batch][steps];
        INDArray input = embeddingLayer ? Nd4j.zeros(DataType.FLOAT, batch, 1, steps)
                : Nd4j.zeros(DataType.FLOAT, batch, vocabulary, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                ids[b][t] = random.nextInt(vocabulary);
                input.putScalar(embeddingLayer ? new long[] {b, 0, t} : new long[] {b, ids[b][t], t},
                        embeddingLayer ? ids[b][t] : 1.0);
            }
        }
        INDArray expected = net.output(input); // [batch, V, steps]
        double best = Double.POSITIVE_INFINITY;
        for (Layout layout : Layout.values()) {
            best = Math.min(best, difference(expected, ids, layout));
        }
        if (!(best < TOLERANCE)) {
            throw new OnnxImportException(model.file() + ": the graph is not a plain language model (embedding,"
                    + " recurrent layers, linear output) that rnnkit can bundle: the rebuilt network's probabilities"
                    + " differ from the graph's by " + best);
        }
    }

    /**
     * How the graph may lay out its tokens and outputs: time-major ([time, batch], as torch's default), batch-major
     * ({@code batch_first}) or rnnkit's own ([batch, time] ids or [batch, V, time] one-hot in, [batch, V, time] out,
     * as {@link OnnxExporter} writes).
     */
    private enum Layout {
        TIME_MAJOR, BATCH_MAJOR, RNNKIT
    }

    private double difference(INDArray expected, long[][] ids, Layout layout) {
        int batch = ids.length;
        int steps = ids[0].length;
        int v = vocabularySize();
        INDArray tokens = layout == Layout.TIME_MAJOR ? Nd4j.createFromArray(ids).transpose().dup('c')
                : Nd4j.createFromArray(ids);
        INDArray feed = tokens;
        if (embedding == null) {
            feed = oneHot(tokens, v);
            if (layout == Layout.RNNKIT) {
                feed = feed.permute(0, 2, 1).dup('c');
            }
        }
        Map<String, INDArray> out;
        try {
            out = model.run(Map.of(model.inputNames().get(0), feed));
        } catch (OnnxImportException e) {
            return Double.POSITIVE_INFINITY;
        }
        INDArray y = out.get(model.outputNames().get(0));
        long[] shape = switch (layout) {
            case TIME_MAJOR -> new long[] {steps, batch, v};
            case BATCH_MAJOR -> new long[] {batch, steps, v};
            case RNNKIT -> new long[] {batch, v, steps};
        };
        if (!java.util.Arrays.equals(y.shape(), shape)) {
            return Double.POSITIVE_INFINITY;
        }
        int classAxis = layout == Layout.RNNKIT ? 1 : 2;
        INDArray probabilities = endsWithSoftmax ? y : GlueOperators.softmax(y, classAxis, false);
        INDArray ncw = switch (layout) {
            case TIME_MAJOR -> probabilities.permute(1, 2, 0);
            case BATCH_MAJOR -> probabilities.permute(0, 2, 1);
            case RNNKIT -> probabilities;
        };
        return ncw.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static INDArray oneHot(INDArray tokens, int vocabulary) {
        long[] ids = tokens.dup('c').data().asLong();
        INDArray out = Nd4j.zeros(DataType.FLOAT, ids.length, vocabulary);
        for (int i = 0; i < ids.length; i++) {
            out.putScalar(i, ids[i], 1.0);
        }
        return out.reshape('c', tokens.size(0), tokens.size(1), vocabulary);
    }
}
