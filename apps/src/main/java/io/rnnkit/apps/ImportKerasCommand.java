package io.rnnkit.apps;

import io.rnnkit.apps.tasks.Tasks;
import io.rnnkit.core.UserInputException;
import io.rnnkit.keras.KerasImport;
import io.rnnkit.keras.LayerChain;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.ModelVocabulary;
import io.rnnkit.models.bundle.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit import keras MODEL.h5 --out DIR}: imports a Keras model into {@code DIR/model.zip}, a model
 * bundle that {@code evaluate} (given {@code --task}) and {@code generate} (given {@code --vocab}) accept.
 */
@Command(name = "keras", mixinStandardHelpOptions = true,
        description = "Import a Keras model (GRU, LSTM, SimpleRNN, Bidirectional, Embedding, Dense, ...) from an .h5"
                + " file into DIR/model.zip.")
final class ImportKerasCommand implements Callable<Integer> {

    static final String BUNDLE = "model.zip";
    private static final String UNKNOWN_TASK = "keras";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.h5",
            description = "A whole Keras model (model.save()), or its weights (save_weights()) with --config.")
    Path model;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The model's configuration JSON (model.to_json()); MODEL.h5 then holds only the weights.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write model.zip into.")
    Path out;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "A language model's vocabulary, as an rnnkit vocabulary file (a bundle's vocabulary.txt);"
                    + " generate needs it.")
    Path vocab;

    @Option(names = "--task", paramLabel = "ID",
            description = "The rnnkit task whose data the model reads (char-lm, ptb, ...); evaluate needs it.")
    String task;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws IOException {
        String taskId = task == null ? UNKNOWN_TASK : Tasks.byId(task).id();
        Optional<ModelVocabulary> vocabulary = vocab == null ? Optional.empty() : Optional.of(readVocabulary(vocab));
        ComputationGraph graph = config == null ? KerasImport.importModel(model) : KerasImport.importModel(config, model);
        Model network = LayerChain.toMultiLayerNetwork(graph).<Model>map(m -> m).orElse(graph);
        Map<String, String> training = new TreeMap<>();
        data.toTaskOptions(1).toMap().forEach((key, value) -> training.put("data." + key, value));
        ModelBundle bundle;
        try {
            bundle = new ModelBundle(network, Map.of("source", "keras", "keras.file", model.getFileName().toString()),
                    training, vocabulary, Optional.empty(), Provenance.now(taskId, 0, Map.of(), Optional.empty()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--vocab: " + e.getMessage());
        }
        Files.createDirectories(out);
        Path file = out.resolve(BUNDLE);
        bundle.save(file);
        spec.commandLine().getOut().printf("imported %s: %s with %d parameters, saved as %s%n", model,
                network.getClass().getSimpleName(), network.numParams(), file);
        return 0;
    }

    private static ModelVocabulary readVocabulary(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("--vocab: cannot read " + file + " (" + e.getMessage() + ")");
        }
        return ModelVocabulary.fromText(text.startsWith("rnnkit-word-vocabulary") ? "word" : "char", text);
    }
}
