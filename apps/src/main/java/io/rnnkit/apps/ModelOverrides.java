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
