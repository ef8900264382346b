package io.rnnkit.apps;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line overrides of the training settings; unset options keep the task's reference value. */
final class TrainingOverrides {

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs.")
    String epochs;

    @Option(names = "--optimizer", paramLabel = "sgd|adam|nadam", description = "Optimizer.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate.")
    String learningRate;

    @Option(names = "--decay-after", paramLabel = "N", description = "Epochs at the initial rate before decay (0: none).")
    String decayAfter;

    @Option(names = "--decay-factor", paramLabel = "F", description = "Learning-rate factor per epoch after that.")
    String decayFactor;

    @Option(names = "--clip-norm", paramLabel = "N", description = "Clip gradients to this global norm (0: off).")
    String clipNorm;

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without improvement (0: never).")
    String patience;

    @Option(names = "--asgd", paramLabel = "N",
            description = "Averaged SGD (NT-ASGD): once validation has not improved for N epochs, average the weights "
                    + "over every later batch and validate and finish with the average (0: never).")
    String asgd;

    @Option(names = "--keep-best", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Finish with the weights of the epoch that validated best, and score the test split with "
                    + "them (default: the last epoch's).")
    String keepBest;

    @Option(names = "--stateful", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Carry hidden state across consecutive batches.")
    String stateful;

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        ModelOverrides.put(map, "epochs", epochs);
        ModelOverrides.put(map, "optimizer", optimizer);
        ModelOverrides.put(map, "lr", learningRate);
        ModelOverrides.put(map, "decay-after", decayAfter);
        ModelOverrides.put(map, "decay-factor", decayFactor);
        ModelOverrides.put(map, "clip-norm", clipNorm);
        ModelOverrides.put(map, "patience", patience);
        ModelOverrides.put(map, "stateful", stateful);
        ModelOverrides.put(map, "asgd", asgd);
        ModelOverrides.put(map, "keep-best", keepBest);
        return map;
    }
}
