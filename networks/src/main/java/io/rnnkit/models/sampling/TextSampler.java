package io.rnnkit.models.sampling;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.ModelVocabulary;
import io.rnnkit.models.layers.SingleStreamStepper;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates text from a recurrent language model one symbol at a time: it feeds the prefix, then
 * repeatedly picks a symbol from the softmax output and feeds it back.
 *
 * <p>Networks of rnnkit layers are stepped on the heap by a {@link SingleStreamStepper}, made afresh
 * for each call (so it sees the current weights); others go through {@code rnnTimeStep}, with the
 * network's recurrent state cleared before and after each call. Calls do not affect each other; a
 * sampler is not safe to share between threads.
 */
public final class TextSampler {

    private static final Logger LOG = LoggerFactory.getLogger(TextSampler.class);
    private static final double PROBABILITY_TOLERANCE = 1e-3;

    private final MultiLayerNetwork network;
    private final TextCodec codec;
    private final InputEncoding encoding;
    private final int vocabularySize;
    private final DataType dataType;

    /**
     * A sampler for a language model whose input (one-hot or embedding ids) and softmax output are as wide
     * as the vocabulary.
     *
     * @throws UserInputException naming {@code --model} when the network's input or output width does not
     *     match the vocabulary
     */
    public TextSampler(MultiLayerNetwork network, ModelVocabulary vocabulary) {
        this.network = network;
        this.codec = TextCodec.of(vocabulary);
        this.vocabularySize = vocabulary.size();
        int outputs = network.layerSize(network.getnLayers() - 1);
        if (outputs != vocabularySize) {
            throw new UserInputException("--model: the network outputs " + outputs
                    + " values per step but the vocabulary has " + vocabularySize + " symbols");
        }
        this.encoding = InputEncoding.of(network, vocabularySize);
        this.dataType = network.params().dataType();
    }

    /** A sampler for a bundle that holds a MultiLayerNetwork language model with its vocabulary. */
    public static TextSampler of(ModelBundle bundle) {
        if (!(bundle.network() instanceof MultiLayerNetwork network)) {
            throw new UserInputException("--model: sampling needs a MultiLayerNetwork language model, but the bundle"
                    + " holds a " + bundle.network().getClass().getSimpleName());
        }
        ModelVocabulary vocabulary = bundle.vocabulary().orElseThrow(() -> new UserInputException(
                "--model: the bundle has no vocabulary, so it is not a language model to sample from"));
        return new TextSampler(network, vocabulary);
    }

    /**
     * Generates {@code options.length()} symbols after {@code prefix}, handing each piece of text to
     * {@code sink} as soon as it is picked.
     *
     * @return the generated text (without the prefix), the concatenation of what {@code sink} received
     * @throws UserInputException naming {@code --prefix} when the prefix is empty or has characters a
     *     character vocabulary lacks
     */
    public String sample(String prefix, SamplingOptions options, Consumer<String> sink) {
        int[] ids = codec.encode(prefix);
        SymbolPicker picker = new SymbolPicker(options);
        StringBuilder text = new StringBuilder();
        LOG.debug("sampling {} symbols after a {}-symbol prefix with {}", options.length(), ids.length, options);
        Optional<SingleStreamStepper> heapStepper = SingleStreamStepper.tryCompile(network);
        IntFunction<double[]> advance = heapStepper.isPresent() ? heapStepper.get()::step : id -> step(new int[] {id});
        network.rnnClearPreviousState();
        try {
            double[] next = heapStepper.isPresent() ? feedAll(ids, advance) : step(ids);
            int previous = ids[ids.length - 1];
            for (int generated = 0; generated < options.length(); generated++) {
                if (generated > 0) {
                    next = advance.apply(previous);
                }
                int id = picker.pick(next);
                String piece = codec.render(previous, id);
                text.append(piece);
                sink.accept(piece);
                previous = id;
            }
            return text.toString();
        } finally {
            network.rnnClearPreviousState();
        }
    }

    /** Feeds {@code ids} one by one and returns the softmax after the last one. */
    private static double[] feedAll(int[] ids, IntFunction<double[]> advance) {
        double[] next = null;
        for (int id : ids) {
            next = advance.apply(id);
        }
        return next;
    }

    /** Feeds {@code ids} as time steps through {@code rnnTimeStep} and returns the softmax after the last one. */
    private double[] step(int[] ids) {
        INDArray output = network.rnnTimeStep(encoding.encode(ids, vocabularySize, dataType));
        double[] probabilities = output.get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.point(output.size(2) - 1)).toDoubleVector();
        double sum = 0;
        for (double p : probabilities) {
            sum += p;
        }
        if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
            throw new UserInputException(String.format("--model: the network's output is not a probability"
                    + " distribution (it sums to %.4f); sampling needs a softmax output layer", sum));
        }
        return probabilities;
    }
}
