package io.rnnkit.keras;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Imports Keras models saved as HDF5 into {@link ComputationGraph}s of rnnkit layers: Keras's GRU, LSTM and
 * SimpleRNN become rnnkit's {@code Gru}, {@code Lstm} and {@code SimpleRnn}. Example:
 * {@code ComputationGraph net = KerasImport.importModel(Path.of("model.h5"));}
 *
 * <p>The graph reads sequences as [batch, features, time] (Keras: [batch, time, features]) and token ids as
 * [batch, time]; its outputs are [batch, units] or [batch, units, time]. Every problem with the files or with
 * what they describe is a one-line {@link UserInputException} naming the file, or the Keras layer's class,
 * name and option.
 */
public final class KerasImport {

    private KerasImport() {
    }

    /** Imports a whole-model {@code .h5} (as {@code model.save()} writes it: configuration and weights). */
    public static ComputationGraph importModel(Path modelH5) {
        try (KerasH5 file = KerasH5.open(modelH5)) {
            String config = file.modelConfig().orElseThrow(() -> new UserInputException(modelH5
                    + ": holds weights only (no model_config attribute); give the model's configuration JSON too"));
            return GraphMapper.build(KerasModelConfig.parse(config, modelH5.toString()), file.layerWeights(),
                    modelH5.toString());
        }
    }

    /**
     * Builds the network that a configuration JSON describes, with rnnkit's initial weights instead of Keras's:
     * for training it anew, or to check that a model's architecture imports.
     */
    public static ComputationGraph importConfiguration(Path configJson) {
        return GraphMapper.build(KerasModelConfig.parse(readConfig(configJson), configJson.toString()), null,
                configJson.toString());
    }

    /** Imports a model from its configuration JSON ({@code model.to_json()}) and weights ({@code save_weights}). */
    public static ComputationGraph importModel(Path configJson, Path weightsH5) {
        KerasModelConfig model = KerasModelConfig.parse(readConfig(configJson), configJson.toString());
        try (KerasH5 file = KerasH5.open(weightsH5)) {
            return GraphMapper.build(model, file.layerWeights(), weightsH5.toString());
        }
    }

    private static String readConfig(Path configJson) {
        try {
            return Files.readString(configJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(configJson + ": cannot read the model configuration (" + KerasH5.firstLine(e)
                    + ")");
        }
    }
}
