package io.rnnkit.keras;

import io.rnnkit.core.UserInputException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A Keras model configuration (Sequential, or Functional {@code Model}) as a list of layers in an order where
 * each layer comes after its inputs, with the model's input and output layer names. A Sequential model
 * without an {@code InputLayer} gets one named after its first layer.
 */
record KerasModelConfig(String className, List<KerasLayerConfig> layers, List<String> inputs, List<String> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the JSON of {@code model.to_json()} or of an HDF5 file's {@code model_config} attribute. */
    static KerasModelConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new UserInputException(source + ": the model configuration is not valid JSON: " + KerasH5.firstLine(e));
        }
        if (root == null || !root.has("class_name") || !root.has("config")) {
            throw new UserInputException(source + ": not a Keras model configuration (no class_name and config)");
        }
        String className = root.get("class_name").asText();
        JsonNode config = root.get("config");
        return switch (className) {
            case "Sequential" -> sequential(config.isArray() ? config : config.path("layers"), source);
            case "Model", "Functional" -> functional(className, config, source);
            default -> throw new UserInputException(source + ": Keras model class " + className
                    + " is not supported (only Sequential and Functional models)");
        };
    }

    private static KerasModelConfig sequential(JsonNode layerNodes, String source) {
        if (!layerNodes.isArray() || layerNodes.isEmpty()) {
            throw new UserInputException(source + ": the Sequential model has no layers");
        }
        List<KerasLayerConfig> layers = new ArrayList<>();
        String previous = null;
        for (JsonNode node : layerNodes) {
            JsonNode config = node.path("config");
            String className = node.path("class_name").asText();
            String name = config.path("name").asText(className.toLowerCase() + "_" + layers.size());
            if (previous == null && !className.equals("InputLayer")) {
                previous = name + "_input";
                layers.add(new KerasLayerConfig("InputLayer", previous, config, List.of()));
            }
            layers.add(new KerasLayerConfig(className, name, config, previous == null ? List.of() : List.of(previous)));
            previous = name;
        }
        return new KerasModelConfig("Sequential", layers, List.of(layers.get(0).name()), List.of(previous));
    }

    private static KerasModelConfig functional(String className, JsonNode config, String source) {
        List<KerasLayerConfig> layers = new ArrayList<>();
        for (JsonNode node : config.path("layers")) {
            JsonNode layerConfig = node.path("config");
            String name = node.path("name").asText(layerConfig.path("name").asText());
            List<String> inbound = new ArrayList<>();
            JsonNode nodes = node.path("inbound_nodes");
            if (nodes.size() > 1) {
                throw new UserInputException(source + ": Keras layer " + node.path("class_name").asText() + " '" + name
                        + "' is called " + nodes.size() + " times (shared layers are not supported)");
            }
            for (JsonNode call : nodes) {
                for (JsonNode tensor : call) {
                    if (!call.isArray() || !tensor.isArray() || tensor.isEmpty() || !tensor.get(0).isTextual()) {
                        throw new UserInputException(source + ": the inbound nodes of layer '" + name + "' are not in"
                                + " the Keras 1 or 2 format (Keras 3 configurations are not supported)");
                    }
                    inbound.add(tensor.get(0).asText());
                }
            }
            layers.add(new KerasLayerConfig(node.path("class_name").asText(), name, layerConfig, inbound));
        }
        return new KerasModelConfig(className, layers, names(config.path("input_layers")),
                names(config.path("output_layers")));
    }

    private static List<String> names(JsonNode tensors) {
        List<String> out = new ArrayList<>();
        if (tensors.size() > 0 && tensors.get(0).isTextual()) {
            out.add(tensors.get(0).asText());
            return out;
        }
        for (JsonNode tensor : tensors) {
            out.add(tensor.get(0).asText());
        }
        return out;
    }
}
