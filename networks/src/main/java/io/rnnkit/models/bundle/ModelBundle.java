package io.rnnkit.models.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

/**
 * A trained model with everything needed to use it again, saved as one zip file.
 *
 * <p>The spec and training maps are opaque flat key/value forms (the model spec's and the training
 * config's {@code toMap()}); the bundle stores and returns them unchanged. A vocabulary, when present,
 * must have exactly as many symbols as the network's (first) output is wide.
 *
 * @param network a {@link MultiLayerNetwork} or {@link ComputationGraph}
 * @param vocabulary the language model's vocabulary, if the model reads or writes symbols
 * @param normalizer the feature normalizer fitted on the training data, if any
 */
public record ModelBundle(Model network, Map<String, String> spec, Map<String, String> training,
                          Optional<ModelVocabulary> vocabulary, Optional<Normalizer<?>> normalizer,
                          Provenance provenance) {

    public ModelBundle {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(provenance, "provenance");
        if (!(network instanceof MultiLayerNetwork || network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("network: expected a MultiLayerNetwork or ComputationGraph, got "
                    + network.getClass().getName());
        }
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("spec: must not be empty");
        }
        spec = Collections.unmodifiableMap(new TreeMap<>(spec));
        training = Collections.unmodifiableMap(new TreeMap<>(training));
        vocabulary.ifPresent(v -> checkOutputWidth(network, v));
    }

    /** Saves the bundle without the updater state, which only resuming training would need. */
    public void save(Path file) throws IOException {
        save(file, false);
    }

    /** Saves the bundle atomically: readers see the old file or the complete new one. */
    public void save(Path file, boolean withUpdater) throws IOException {
        BundleArchive.write(this, file, withUpdater);
    }

    /**
     * Loads and checks a bundle written by {@link #save}.
     *
     * @throws io.rnnkit.core.UserInputException with a one-line message naming {@code --model} and the file
     *     when the file is missing, not a bundle, corrupt or inconsistent
     */
    public static ModelBundle load(Path file) {
        return BundleArchive.read(file);
    }

    private static void checkOutputWidth(Model network, ModelVocabulary vocabulary) {
        long width = outputWidth(network);
        // A width of 0 means the output is not a feed-forward layer (a loss layer, say), so it has no nOut to compare.
        if (width != 0 && width != vocabulary.size()) {
            throw new IllegalArgumentException("the network outputs " + width + " values per step but the "
                    + vocabulary.kind() + " vocabulary has " + vocabulary.size() + " symbols");
        }
    }

    private static long outputWidth(Model network) {
        if (network instanceof MultiLayerNetwork multiLayer) {
            return multiLayer.layerSize(multiLayer.getnLayers() - 1);
        }
        ComputationGraph graph = (ComputationGraph) network;
        return graph.layerSize(graph.getConfiguration().getNetworkOutputs().get(0));
    }
}
