package io.rnnkit.keras;

import io.rnnkit.core.UserInputException;
import java.util.List;
import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * One layer of a Keras model configuration: its class, its name, its {@code config} object and the names of
 * the layers whose outputs it takes.
 */
record KerasLayerConfig(String className, String name, JsonNode config, List<String> inbound) {

    /** Whether the option is present with a value other than JSON null. */
    boolean has(String key) {
        return config.hasNonNull(key);
    }

    /** The first of the given keys (Keras 2 name first, then Keras 1's) that is present, as text. */
    String text(String fallback, String... keys) {
        for (String key : keys) {
            if (has(key)) {
                return config.get(key).asText();
            }
        }
        return fallback;
    }

    boolean flag(String key, boolean fallback) {
        return has(key) ? config.get(key).asBoolean() : fallback;
    }

    double number(double fallback, String... keys) {
        for (String key : keys) {
            if (has(key)) {
                return config.get(key).asDouble();
            }
        }
        return fallback;
    }

    /** A required integer option, under its Keras 2 or Keras 1 name. */
    int size(String... keys) {
        for (String key : keys) {
            if (has(key)) {
                return config.get(key).asInt();
            }
        }
        throw refuse("has no " + keys[0]);
    }

    /** The nested layer of a wrapper (Bidirectional, TimeDistributed). */
    KerasLayerConfig inner() {
        return nested("layer");
    }

    /** A Bidirectional's own backward layer, where its configuration names one. */
    KerasLayerConfig backward() {
        return nested("backward_layer");
    }

    private KerasLayerConfig nested(String key) {
        JsonNode layer = config.get(key);
        if (layer == null || !layer.has("class_name")) {
            throw refuse("has no wrapped layer (" + key + ")");
        }
        JsonNode innerConfig = layer.path("config");
        return new KerasLayerConfig(layer.get("class_name").asText(), innerConfig.path("name").asText(name),
                innerConfig, inbound);
    }

    /** Refuses options that rnnkit cannot honour when they are set to anything but the harmless value. */
    void refuseTrue(Set<String> keys) {
        for (String key : keys) {
            if (flag(key, false)) {
                throw refuse("option " + key + "=true is not supported");
            }
        }
    }

    /** A one-line error naming this layer's class and name. */
    UserInputException refuse(String problem) {
        return new UserInputException("Keras layer " + className + " '" + name + "' " + problem);
    }
}
