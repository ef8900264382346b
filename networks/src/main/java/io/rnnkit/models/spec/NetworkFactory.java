package io.rnnkit.models.spec;

import io.rnnkit.core.train.TrainingConfig;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import io.rnnkit.models.regularization.LockedDropout;
import io.rnnkit.models.regularization.TiedEmbeddings;
import io.rnnkit.models.regularization.WordDropoutEmbedding;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds the DL4J network a {@link ModelSpec} describes, with the updater and statefulness of a
 * {@link TrainingConfig}: a MultiLayerNetwork for every head but seq2seq, which is an
 * encoder → decoder ComputationGraph with inputs "encoder" and "decoder".
 */
public final class NetworkFactory {

    /** Input names of the seq2seq graph. */
    public static final String ENCODER_INPUT = "encoder";
    public static final String DECODER_INPUT = "decoder";

    private NetworkFactory() {
    }

    /** Builds and initialises the network. */
    public static Model build(ModelSpec spec, TrainingConfig training) {
        if (training.stateful() && spec.implementation() != Implementation.RNNKIT) {
            throw new io.rnnkit.core.UserInputException("stateful: carrying state across batches needs --impl rnnkit");
        }
        if (spec.head() == Head.SEQ2SEQ) {
            ComputationGraph graph = new ComputationGraph(seq2seq(spec, training));
            graph.init();
            return graph;
        }
        MultiLayerNetwork network = new MultiLayerNetwork(stack(spec, training));
        network.init();
        if (spec.regularization().tiedEmbeddings()) {
            TiedEmbeddings.tie(network, 0, outputLayerIndex(spec));
        }
        return network;
    }

    /**
     * What must see every gradient of a network of {@code spec} before it is clipped and applied: the tying of its
     * embeddings, when it has them. Attach them to the built or reloaded network that trains, first.
     */
    public static List<TrainingListener> gradientListeners(ModelSpec spec) {
        return spec.regularization().tiedEmbeddings()
                ? List.of(new TiedEmbeddings(0, outputLayerIndex(spec)))
                : List.of();
    }

    /** The output layer of a per-step stack: after the embedding and the recurrent layers. */
    private static int outputLayerIndex(ModelSpec spec) {
        return (spec.embedding() > 0 ? 1 : 0) + spec.layers();
    }

    private static NeuralNetConfiguration.Builder base(ModelSpec spec, TrainingConfig training) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(spec.dataType())
                .updater(training.updater())
                .weightInit(spec.weightInit().toDl4j());
    }

    private static org.deeplearning4j.nn.conf.MultiLayerConfiguration stack(ModelSpec spec, TrainingConfig training) {
        ListBuilder list = base(spec, training).list();
        int width = spec.inputSize();
        Regularization regularization = spec.regularization();
        if (spec.embedding() > 0) {
            list.layer(regularization.embeddingDropout() < 1
                    ? new WordDropoutEmbedding(spec.inputSize(), spec.embedding(), regularization.embeddingDropout())
                    : new EmbeddingSequenceLayer.Builder().nIn(spec.inputSize()).nOut(spec.embedding())
                            .outputDataFormat(RNNFormat.NCW).build());
            width = spec.embedding();
        }
        boolean wholeSequenceHead = spec.head() == Head.SEQUENCE_CLASSIFICATION || spec.head() == Head.LAST_STEP_REGRESSION;
        for (int i = 0; i < spec.layers(); i++) {
            double keep = i > 0 || spec.embedding() > 0 ? spec.dropout() : 1.0;
            double lockedKeep = i == 0 ? regularization.lockedInput() : regularization.lockedHidden();
            // The first layer of a stack without an embedding reads the data, whose gradient fit() discards; DL4J's
            // Bidirectional adds its two directions' input gradients, so it keeps them.
            boolean readsData = i == 0 && spec.embedding() == 0 && spec.bidirectional() == BidirectionalMode.NONE;
            Layer layer = RecurrentLayers.directional(spec,
                    RecurrentLayers.single(spec, width, keep, lockedKeep, training.stateful(), !readsData));
            if (wholeSequenceHead && i == spec.layers() - 1) {
                layer = new LastTimeStep(layer);
            }
            list.layer(layer);
            width = spec.layerOutputSize();
        }
        Activation activation = spec.loss().outputActivation();
        if (wholeSequenceHead) {
            if (spec.headHidden() > 0) {
                list.layer(new DenseLayer.Builder().nIn(width).nOut(spec.headHidden()).activation(Activation.RELU).build());
                width = spec.headHidden();
            }
            list.layer(withLockedOutputDropout(spec, withInputDropout(new OutputLayer.Builder(spec.loss().function())
                    .nIn(width).nOut(spec.outputSize()).activation(activation), spec.dropout()).build()));
        } else {
            list.layer(withLockedOutputDropout(spec, stepOutput(spec, width)));
        }
        if (spec.tbptt() > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(spec.tbptt()).tBPTTBackwardLength(spec.tbptt());
        }
        return list.build();
    }

    /**
     * The per-step output layer: rnnkit's fused softmax cross-entropy (index or one-hot labels, no
     * 3-D permutes) where it applies, else DL4J's RnnOutputLayer.
     */
    private static Layer stepOutput(ModelSpec spec, int width) {
        if (spec.implementation() == Implementation.RNNKIT && spec.loss() == Loss.CROSS_ENTROPY) {
            return withInputDropout(new SoftmaxCrossEntropyOutput.Builder().nIn(width).nOut(spec.outputSize()),
                    spec.dropout()).build();
        }
        // Explicit NCW: without it DL4J infers NWC after an embedding layer and rejects the labels.
        return withInputDropout(new RnnOutputLayer.Builder(spec.loss().function()).nIn(width).nOut(spec.outputSize())
                .activation(spec.loss().outputActivation()).dataFormat(RNNFormat.NCW), spec.dropout()).build();
    }

    /** Gives the output layer the spec's locked dropout on its input (the last recurrent layer's output), if any. */
    private static Layer withLockedOutputDropout(ModelSpec spec, Layer output) {
        if (spec.regularization().lockedOutput() < 1) {
            output.setIDropout(new LockedDropout(spec.regularization().lockedOutput()));
        }
        return output;
    }

    /** Sets DL4J input dropout only for a keep probability below 1, so "no dropout" costs nothing. */
    private static <T extends BaseLayer.Builder<T>> T withInputDropout(T builder, double keep) {
        return keep < 1 ? builder.dropOut(keep) : builder;
    }

    private static ComputationGraphConfiguration seq2seq(ModelSpec spec, TrainingConfig training) {
        ComputationGraphConfiguration.GraphBuilder graph = base(spec, training).graphBuilder()
                .addInputs(ENCODER_INPUT, DECODER_INPUT)
                .setInputTypes(InputType.recurrent(spec.inputSize()), InputType.recurrent(spec.outputSize()));
        String previous = ENCODER_INPUT;
        int width = spec.inputSize();
        for (int i = 0; i < spec.layers(); i++) {
            String name = "encoder-" + i;
            graph.addLayer(name, RecurrentLayers.single(spec, width, i > 0 ? spec.dropout() : 1.0, false), previous);
            previous = name;
            width = spec.hidden();
        }
        // The encoder's last unmasked step summarises the question; the decoder sees it at every step.
        graph.addVertex("thought", new LastTimeStepVertex(ENCODER_INPUT), previous);
        graph.addVertex("thought-per-step", new DuplicateToTimeSeriesVertex(DECODER_INPUT), "thought");
        graph.addVertex("decoder-input", new MergeVertex(), DECODER_INPUT, "thought-per-step");
        previous = "decoder-input";
        width = spec.outputSize() + spec.hidden();
        for (int i = 0; i < spec.layers(); i++) {
            String name = "decoder-" + i;
            graph.addLayer(name, RecurrentLayers.single(spec, width, i > 0 ? spec.dropout() : 1.0, false), previous);
            previous = name;
            width = spec.hidden();
        }
        graph.addLayer("output", withInputDropout(new RnnOutputLayer.Builder(spec.loss().function()).nIn(width)
                .nOut(spec.outputSize()).activation(spec.loss().outputActivation()), spec.dropout()).build(), previous);
        return graph.setOutputs("output").build();
    }
}
