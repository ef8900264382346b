package io.rnnkit.apps;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line overrides of any model-spec field; unset options keep the task's reference value. */
final class ModelOverrides {

    @Option(names = "--cell", paramLabel = "simple|lstm|gru", description = "Recurrent cell.")
    String cell;

    @Option(names = "--impl", paramLabel = "rnnkit|dl4j", description = "Fused rnnkit layers or stock DL4J layers.")
    String implementation;

    @Option(names = "--layers", paramLabel = "N", description = "Recurrent layers in the stack.")
    String layers;

    @Option(names = "--hidden", paramLabel = "N", description = "Units per recurrent layer.")
    String hidden;

    @Option(names = "--activation", paramLabel = "tanh|relu", description = "Activation of the simple cell.")
    String activation;

    @Option(names = "--bidirectional", arity = "0..1", fallbackValue = "concat", paramLabel = "MODE",
            description = "Read sequences both ways: concat (the default when given alone), add or average.")
    String bidirectional;

    @Option(names = "--dropout", paramLabel = "KEEP", description = "Keep probability of input dropout between layers.")
    String dropout;

    @Option(names = "--recurrent-dropout", paramLabel = "KEEP", description = "Keep probability of variational dropout on h.")
    String recurrentDropout;

    @Option(names = "--locked-dropout-input", paramLabel = "KEEP",
            description = "Keep probability of locked dropout (one mask per sequence and feature) on the embedding's "
                    + "output, the first layer's input.")
    String lockedInput;

    @Option(names = "--locked-dropout-hidden", paramLabel = "KEEP",
            description = "Keep probability of locked dropout between recurrent layers.")
    String lockedHidden;

    @Option(names = "--locked-dropout-output", paramLabel = "KEEP",
            description = "Keep probability of locked dropout on the last recurrent layer's output.")
    String lockedOutput;

    @Option(names = "--weight-drop", paramLabel = "KEEP",
            description = "Keep probability of DropConnect on the recurrent weights (one mask per batch; rnnkit only).")
    String weightDrop;

    @Option(names = "--embedding-dropout", paramLabel = "KEEP",
            description = "Keep probability of each word's embedding row per batch (drops whole words).")
    String embeddingDropout;

    @Option(names = "--tie-weights", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Share the embedding with the softmax output weights (needs --embedding equal to --hidden).")
    String tieWeights;

    @Option(names = "--embedding", paramLabel = "N", description = "Embedding width for index inputs.")
    String embedding;

    @Option(names = "--weight-init", paramLabel = "INIT", description = "xavier, relu, keras (Glorot-uniform input, orthogonal recurrent weights) or uniform:SCALE.")
    String weightInit;

    @Option(names = "--tbptt", paramLabel = "N", description = "Truncated-BPTT length (0 for full BPTT).")
    String tbptt;

    @Option(names = "--dtype", paramLabel = "float|double", description = "Floating-point type of the network.")
    String dataType;

    /** The options that were given, keyed by spec field. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "cell", cell);
        put(map, "impl", implementation);
        put(map, "layers", layers);
        put(map, "hidden", hidden);
        put(map, "activation", activation);
        put(map, "bidirectional", bidirectional);
        put(map, "dropout", dropout);
        put(map, "recurrent-dropout", recurrentDropout);
        put(map, "locked-dropout-input", lockedInput);
        put(map, "locked-dropout-hidden", lockedHidden);
        put(map, "locked-dropout-output", lockedOutput);
        put(map, "weight-drop", weightDrop);
        put(map, "embedding-dropout", embeddingDropout);
        put(map, "tie-weights", tieWeights);
        put(map, "embedding", embedding);
        put(map, "weight-init", weightInit);
        put(map, "tbptt", tbptt);
        put(map, "dtype", dataType);
        return map;
    }

    static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
