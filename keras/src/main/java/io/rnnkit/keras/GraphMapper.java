package io.rnnkit.keras;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.FusedRecurrentLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a {@link ComputationGraph} from a Keras model configuration and its weights, one Keras layer at a
 * time, tracking the kind and size of each layer's output.
 *
 * <p>Sequences are [batch, features, time] in the graph (DL4J's layout; Keras's is [batch, time, features]).
 * {@code return_sequences=False} becomes DL4J's {@link LastTimeStep}, {@code go_backwards} a
 * {@link ReverseTimeSeriesVertex} in front of the layer. Masks ({@code Masking}, {@code Embedding} with
 * {@code mask_zero}) become DL4J's {@link MaskZeroLayer} around each recurrent layer that reads them, which
 * derives the mask from its input: for {@code mask_zero} the embedding's row 0 is set to zeros, which only
 * masked steps read. At masked steps rnnkit's layers reset their state to zero and output zeros, where Keras
 * carries the last state on; the two agree wherever the padding is at the start or the end of a sequence
 * and the outputs at padded steps are ignored.
 */
final class GraphMapper {

    private static final Map<String, Activation> ACTIVATIONS = Map.of("linear", Activation.IDENTITY,
            "relu", Activation.RELU, "sigmoid", Activation.SIGMOID, "tanh", Activation.TANH,
            "hard_sigmoid", Activation.HARDSIGMOID, "softmax", Activation.SOFTMAX, "softplus", Activation.SOFTPLUS,
            "softsign", Activation.SOFTSIGN);
    private static final Map<String, Bidirectional.Mode> MERGE_MODES = Map.of("concat", Bidirectional.Mode.CONCAT,
            "sum", Bidirectional.Mode.ADD, "ave", Bidirectional.Mode.AVERAGE, "mul", Bidirectional.Mode.MUL);

    private final KerasModelConfig model;
    private final Map<String, List<KerasWeight>> weights;
    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final Map<String, Map<String, INDArray>> params = new LinkedHashMap<>();
    private final Set<String> usedWeights = new HashSet<>();

    private GraphMapper(KerasModelConfig model, Map<String, List<KerasWeight>> weights) {
        this.model = model;
        this.weights = weights;
        this.graph = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder();
    }

    /** The initialised graph with the Keras weights in place; with {@code weights} null, rnnkit's initial weights. */
    static ComputationGraph build(KerasModelConfig model, Map<String, List<KerasWeight>> weights, String source) {
        return new GraphMapper(model, weights).build(source);
    }

    private ComputationGraph build(String source) {
        for (KerasLayerConfig layer : model.layers()) {
            map(layer);
        }
        for (String layer : weights == null ? Set.<String>of() : weights.keySet()) {
            if (!usedWeights.contains(layer)) {
                throw new UserInputException(source + ": the weights hold layer '" + layer
                        + "', which the model configuration does not have");
            }
        }
        graph.setOutputs(model.outputs().stream().map(name -> tensor(name).vertex()).toArray(String[]::new));
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        params.forEach((vertex, values) -> values.forEach((key, value) ->
                network.getLayer(vertex).getParam(key).assign(value)));
        return network;
    }

    private void map(KerasLayerConfig layer) {
        switch (layer.className()) {
            case "InputLayer" -> input(layer);
            case "LSTM", "GRU", "SimpleRNN" -> recurrent(layer, single(layer));
            case "Bidirectional" -> bidirectional(layer, single(layer));
            case "Embedding" -> embedding(layer, single(layer));
            case "Masking" -> tensors.put(layer.name(), single(layer).withMask(
                    new Mask(layer.number(0.0, "mask_value"), null)));
            case "Dense" -> dense(layer, single(layer));
            case "TimeDistributed" -> timeDistributed(layer, single(layer));
            case "Dropout", "SpatialDropout1D" -> dropout(layer, single(layer));
            case "Flatten" -> flatten(layer, single(layer));
            default -> throw layer.refuse("is not supported by rnnkit's Keras import (supported: LSTM, GRU,"
                    + " SimpleRNN, Bidirectional, Embedding, Masking, Dense, TimeDistributed(Dense), Dropout,"
                    + " SpatialDropout1D, Flatten)");
        }
    }

    private void input(KerasLayerConfig layer) {
        graph.addInputs(layer.name());
        tensors.put(layer.name(), inputTensor(layer));
    }

    /** The model input's kind from {@code batch_input_shape} (or Keras 1's input_dim and input_length). */
    private Tensor inputTensor(KerasLayerConfig layer) {
        String name = layer.name();
        var shape = layer.config().has("batch_input_shape") ? layer.config().get("batch_input_shape")
                : layer.config().get("batch_shape");
        if (shape != null && shape.size() == 3) {
            return new Tensor(name, Kind.SEQUENCE, shape.get(2).asLong(), steps(shape.get(1)), null);
        }
        if (shape != null && shape.size() == 2) {
            return new Tensor(name, Kind.FLAT, shape.get(1).isNull() ? -1 : shape.get(1).asLong(), -1, null);
        }
        if (layer.has("input_dim") && RecurrentMapping.CLASSES.contains(layer.className())) {
            return new Tensor(name, Kind.SEQUENCE, layer.size("input_dim"), steps(layer.config().get("input_length")),
                    null);
        }
        if (layer.has("input_dim") && layer.className().equals("Dense")) {
            return new Tensor(name, Kind.FLAT, layer.size("input_dim"), -1, null);
        }
        if (layer.className().equals("Embedding")) {
            return new Tensor(name, Kind.FLAT, steps(layer.config().get("input_length")), -1, null);
        }
        throw layer.refuse("has no input shape (batch_input_shape) for the model's input");
    }

    private static long steps(org.nd4j.shade.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? -1 : node.asLong();
    }

    private Tensor single(KerasLayerConfig layer) {
        if (layer.inbound().size() != 1) {
            throw layer.refuse("takes " + layer.inbound().size() + " inputs; only layers with one input are supported");
        }
        return tensor(layer.inbound().get(0));
    }

    private Tensor tensor(String kerasName) {
        Tensor tensor = tensors.get(kerasName);
        if (tensor == null) {
            throw new UserInputException("Keras model: layer '" + kerasName + "' is used before it is defined");
        }
        return tensor;
    }

    private void recurrent(KerasLayerConfig layer, Tensor in) {
        requireSequence(layer, in);
        FusedRecurrentLayer rnn = RecurrentMapping.layer(layer, in.size());
        boolean sequences = layer.flag("return_sequences", false);
        String source = in.vertex();
        if (layer.flag("go_backwards", false)) {
            source = layer.name() + "_reversed";
            graph.addVertex(source, new ReverseTimeSeriesVertex(), in.vertex());
        }
        Layer conf = sequences ? rnn : new LastTimeStep(rnn);
        addLayer(layer, masked(conf, in), source);
        load(layer, () -> RecurrentMapping.params(layer, weightsOf(layer), in.size()));
        long units = rnn.getNOut();
        tensors.put(layer.name(), sequences
                ? new Tensor(layer.name(), Kind.SEQUENCE, units, in.steps(), in.mask() == null ? null : new Mask(0.0, null))
                : new Tensor(layer.name(), Kind.VECTOR, units, -1, null));
    }

    private void bidirectional(KerasLayerConfig layer, Tensor in) {
        requireSequence(layer, in);
        KerasLayerConfig inner = layer.inner();
        if (!RecurrentMapping.CLASSES.contains(inner.className())) {
            throw layer.refuse("wraps a " + inner.className() + "; only LSTM, GRU and SimpleRNN are supported");
        }
        if (inner.flag("go_backwards", false)) {
            throw layer.refuse("wraps a layer with option go_backwards=true, which is not supported");
        }
        if (layer.has("backward_layer") && !sameLayer(inner, layer.backward())) {
            throw layer.refuse("option backward_layer with a different configuration from the forward layer is not"
                    + " supported");
        }
        String mergeMode = layer.text("null", "merge_mode");
        Bidirectional.Mode mode = MERGE_MODES.get(mergeMode);
        if (mode == null) {
            throw layer.refuse("option merge_mode=" + mergeMode + " is not supported (concat, sum, ave or mul)");
        }
        FusedRecurrentLayer rnn = RecurrentMapping.layer(inner, in.size());
        boolean sequences = inner.flag("return_sequences", false);
        addLayer(layer, masked(new Bidirectional(mode, sequences ? rnn : new LastTimeStep(rnn)), in), in.vertex());
        load(layer, () -> {
            List<KerasWeight> both = weightsOf(layer);
            int half = both.size() / 2;
            Map<String, INDArray> values = new LinkedHashMap<>();
            RecurrentMapping.params(inner, both.subList(0, half), in.size()).forEach((k, v) -> values.put("f" + k, v));
            RecurrentMapping.params(inner, both.subList(half, both.size()), in.size())
                    .forEach((k, v) -> values.put("b" + k, v));
            return values;
        });
        long units = mode == Bidirectional.Mode.CONCAT ? 2 * rnn.getNOut() : rnn.getNOut();
        tensors.put(layer.name(), sequences
                ? new Tensor(layer.name(), Kind.SEQUENCE, units, in.steps(), in.mask() == null ? null : new Mask(0.0, null))
                : new Tensor(layer.name(), Kind.VECTOR, units, -1, null));
    }

    /** Whether a Bidirectional's backward layer computes as its forward layer does (direction aside). */
    private static boolean sameLayer(KerasLayerConfig forward, KerasLayerConfig backward) {
        for (String key : List.of("units", "activation", "recurrent_activation", "use_bias", "return_sequences",
                "reset_after")) {
            if (!java.util.Objects.equals(forward.config().get(key), backward.config().get(key))) {
                return false;
            }
        }
        return forward.className().equals(backward.className());
    }

    /** The layer inside a MaskZeroLayer when its input carries a mask. */
    private static Layer masked(Layer layer, Tensor in) {
        return in.mask() == null ? layer : new MaskZeroLayer(layer, in.mask().value());
    }

    private void embedding(KerasLayerConfig layer, Tensor in) {
        if (in.kind() != Kind.FLAT) {
            throw layer.refuse("reads a " + in.kind().description + "; it needs token ids [batch, time]");
        }
        int vocabulary = layer.size("input_dim");
        int width = layer.size("output_dim");
        EmbeddingSequenceLayer.Builder builder = new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(width)
                .hasBias(false);
        if (in.size() > 0) {
            builder.inputLength((int) in.size());
        }
        addLayer(layer, builder.build(), in.vertex());
        boolean maskZero = layer.flag("mask_zero", false);
        load(layer, () -> {
            Map<String, KerasWeight> byRole = byRole(layer);
            INDArray table = Weights.require(layer, byRole, byRole.containsKey("W") ? "W" : "embeddings", vocabulary,
                    width);
            if (maskZero) {
                table.get(NDArrayIndex.point(0), NDArrayIndex.all()).assign(0.0);
            }
            return Map.of("W", table);
        });
        tensors.put(layer.name(), new Tensor(layer.name(), Kind.SEQUENCE, width, in.size(),
                maskZero ? new Mask(0.0, layer.name()) : null));
    }

    private void dense(KerasLayerConfig layer, Tensor in) {
        refuseEmbeddingMask(layer, in);
        if (in.kind() == Kind.SEQUENCE) {
            // Keras 2 applies a Dense to each step of a sequence, as TimeDistributed(Dense) does.
            timeDistributedDense(layer, layer, in);
            return;
        }
        int units = layer.size("units", "output_dim");
        addLayer(layer, isOutput(layer) ? outputLayer(new OutputLayer.Builder(), layer, in.size(), units)
                : denseLayer(layer, in.size(), units), in.vertex());
        load(layer, () -> denseParams(layer, layer, in.size(), units));
        tensors.put(layer.name(), new Tensor(layer.name(), Kind.VECTOR, units, -1, null));
    }

    private void timeDistributed(KerasLayerConfig layer, Tensor in) {
        KerasLayerConfig inner = layer.inner();
        if (!inner.className().equals("Dense")) {
            throw layer.refuse("wraps a " + inner.className() + "; only TimeDistributed(Dense) is supported");
        }
        requireSequence(layer, in);
        refuseEmbeddingMask(layer, in);
        timeDistributedDense(layer, inner, in);
    }

    private void timeDistributedDense(KerasLayerConfig layer, KerasLayerConfig denseConfig, Tensor in) {
        int units = denseConfig.size("units", "output_dim");
        addLayer(layer, isOutput(layer) ? outputLayer(new RnnOutputLayer.Builder(), denseConfig, in.size(), units)
                : new TimeDistributed(denseLayer(denseConfig, in.size(), units), RNNFormat.NCW), in.vertex());
        load(layer, () -> denseParams(layer, denseConfig, in.size(), units));
        tensors.put(layer.name(), new Tensor(layer.name(), Kind.SEQUENCE, units, in.steps(), in.mask()));
    }

    private boolean isOutput(KerasLayerConfig layer) {
        return model.outputs().contains(layer.name());
    }

    private static DenseLayer denseLayer(KerasLayerConfig dense, long nIn, int units) {
        return new DenseLayer.Builder().nIn(nIn).nOut(units).activation(activation(dense))
                .hasBias(dense.flag("use_bias", dense.flag("bias", true))).build();
    }

    /**
     * A Dense that is a model output, as an output layer (so that the network can be trained further): its
     * loss is the cross-entropy for softmax and sigmoid, else the mean squared error.
     */
    private static Layer outputLayer(BaseOutputLayer.Builder<?> builder, KerasLayerConfig dense, long nIn, int units) {
        Activation activation = activation(dense);
        LossFunctions.LossFunction loss = switch (activation) {
            case SOFTMAX -> LossFunctions.LossFunction.MCXENT;
            case SIGMOID -> LossFunctions.LossFunction.XENT;
            default -> LossFunctions.LossFunction.MSE;
        };
        builder.lossFunction(loss).nIn(nIn).nOut(units).activation(activation);
        builder.hasBias(dense.flag("use_bias", dense.flag("bias", true)));
        return builder.build();
    }

    private static Activation activation(KerasLayerConfig dense) {
        String name = dense.text("linear", "activation");
        Activation activation = ACTIVATIONS.get(name);
        if (activation == null) {
            throw dense.refuse("option activation=" + name + " is not supported " + ACTIVATIONS.keySet());
        }
        return activation;
    }

    private Map<String, INDArray> denseParams(KerasLayerConfig layer, KerasLayerConfig dense, long nIn, int units) {
        Map<String, KerasWeight> byRole = byRole(layer);
        Map<String, INDArray> values = new LinkedHashMap<>();
        boolean keras1 = byRole.containsKey("W");
        values.put("W", Weights.require(dense, byRole, keras1 ? "W" : "kernel", nIn, units));
        if (dense.flag("use_bias", dense.flag("bias", true))) {
            values.put("b", Weights.require(dense, byRole, keras1 ? "b" : "bias", units).reshape(1, units));
        }
        return values;
    }

    private void dropout(KerasLayerConfig layer, Tensor in) {
        double rate = layer.number(0.0, "rate", "p");
        if (rate == 0.0) {
            tensors.put(layer.name(), in);
            return;
        }
        boolean spatial = layer.className().equals("SpatialDropout1D");
        if (spatial) {
            requireSequence(layer, in);
        }
        DropoutLayer dropout = new DropoutLayer.Builder()
                .dropOut(spatial ? new SpatialDropout(1.0 - rate) : new Dropout(1.0 - rate))
                .nIn(in.size()).nOut(in.size()).build();
        addLayer(layer, dropout, in.vertex());
        tensors.put(layer.name(), new Tensor(layer.name(), in.kind(), in.size(), in.steps(), in.mask()));
    }

    private void flatten(KerasLayerConfig layer, Tensor in) {
        refuseEmbeddingMask(layer, in);
        if (in.kind() != Kind.SEQUENCE) {
            tensors.put(layer.name(), in);
            return;
        }
        if (in.steps() < 0) {
            throw layer.refuse("flattens a sequence of unknown length; give the model's input a fixed length");
        }
        graph.addVertex(layer.name(), new PreprocessorVertex(new FlattenRnnPreProcessor(in.size(), in.steps())), in.vertex());
        tensors.put(layer.name(), new Tensor(layer.name(), Kind.VECTOR, in.size() * in.steps(), -1, null));
    }

    private static void requireSequence(KerasLayerConfig layer, Tensor in) {
        if (in.kind() != Kind.SEQUENCE) {
            throw layer.refuse("reads a " + in.kind().description + "; it needs a sequence [batch, time, features]");
        }
    }

    private static void refuseEmbeddingMask(KerasLayerConfig layer, Tensor in) {
        if (in.mask() != null && in.mask().embedding() != null) {
            throw layer.refuse("reads the output of Embedding '" + in.mask().embedding()
                    + "' with mask_zero=true; rnnkit imports mask_zero only where recurrent layers read it");
        }
    }

    private void addLayer(KerasLayerConfig layer, Layer conf, String input) {
        graph.addLayer(layer.name(), conf, input);
    }

    /** Converts the layer's Keras weights to its parameters, unless the graph keeps its initial weights. */
    private void load(KerasLayerConfig layer, Supplier<Map<String, INDArray>> converter) {
        if (weights != null) {
            params.put(layer.name(), converter.get());
        }
    }

    private List<KerasWeight> weightsOf(KerasLayerConfig layer) {
        List<KerasWeight> list = weights.get(layer.name());
        if (list == null) {
            throw layer.refuse("has no weights in the weights file");
        }
        usedWeights.add(layer.name());
        return list;
    }

    private Map<String, KerasWeight> byRole(KerasLayerConfig layer) {
        Map<String, KerasWeight> byRole = new LinkedHashMap<>();
        for (KerasWeight w : weightsOf(layer)) {
            byRole.put(w.role(layer.name()), w);
        }
        return byRole;
    }

    /** What flows out of a layer. */
    private enum Kind {
        SEQUENCE("sequence"), VECTOR("vector [batch, features]"), FLAT("2-D input [batch, n]");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /**
     * A mask on a sequence: steps whose features all equal {@code value} are masked; {@code embedding} names
     * the Embedding with mask_zero that made it, or is null.
     */
    private record Mask(double value, String embedding) {
    }

    /** A layer's output: the graph vertex that computes it, its kind, size, length (-1 unknown) and mask. */
    private record Tensor(String vertex, Kind kind, long size, long steps, Mask mask) {

        Tensor withMask(Mask newMask) {
            return new Tensor(vertex, kind, size, steps, newMask);
        }
    }
}
