package io.rnnkit.apps;

import io.rnnkit.apps.tasks.ReferenceTask;
import io.rnnkit.apps.tasks.TaskData;
import io.rnnkit.apps.tasks.TaskOptions;
import io.rnnkit.apps.tasks.Tasks;
import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.WordVocabulary;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.ModelVocabulary;
import io.rnnkit.models.bundle.Provenance;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import io.rnnkit.onnx.OnnxLanguageModel;
import io.rnnkit.onnx.OnnxModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit import onnx MODEL.onnx --out DIR}: rebuilds an ONNX language model (embedding, LSTM/GRU/RNN layers,
 * linear output, as {@code torch.onnx.export} writes one) as a network of rnnkit layers and saves it as
 * {@code DIR/model.zip}, a bundle {@code evaluate} and {@code generate} accept.
 */
@Command(name = "onnx", mixinStandardHelpOptions = true,
        description = "Import an ONNX language model (embedding, LSTM/GRU/RNN layers, linear output) as a model bundle.")
final class ImportOnnxCommand implements Callable<Integer> {

    private static final String CHAR_HEADER = "rnnkit-char-vocabulary";
    private static final String WORD_HEADER = "rnnkit-word-vocabulary";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write model.zip into.")
    Path out;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "The model's vocabulary, in rnnkit's text form (default: the task corpus's vocabulary).")
    Path vocab;

    @Option(names = "--task", defaultValue = "char-lm", paramLabel = "char-lm|ptb",
            description = "The task the bundle belongs to: char-lm (one-hot input) or ptb (token ids into an"
                    + " embedding layer) (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--corpus", paramLabel = "NAME|FILE", description = "char-lm's corpus, for evaluate (default: timemachine).")
    String corpus;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the corpora live (default: $RNNKIT_DATA, else ~/.rnnkit/data).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        if (!task.equals("char-lm") && !task.equals("ptb")) {
            throw new UserInputException("--task: import onnx bundles language models: choose char-lm or ptb, got '"
                    + task + "'");
        }
        ReferenceTask reference = Tasks.byId(task);
        TaskOptions options = new TaskOptions(0, 0, corpus == null ? "" : corpus, "lsb", dataDir, null, 1, 1.0);
        OnnxLanguageModel model = OnnxLanguageModel.of(OnnxModel.load(file));
        ModelVocabulary vocabulary = vocab != null ? readVocabulary(vocab) : corpusVocabulary(reference, options);
        if (vocabulary.size() != model.vocabularySize()) {
            throw new UserInputException(file + ": " + model.describeInput() + ": the model has "
                    + model.vocabularySize() + " symbols but the vocabulary "
                    + (vocab != null ? vocab.toString() : "of the " + task + " corpus") + " has " + vocabulary.size());
        }
        boolean ids = task.equals("ptb");
        MultiLayerNetwork network = model.network(ids);
        Map<String, String> training = new LinkedHashMap<>(reference.defaultTraining(1).toMap());
        options.toMap().forEach((key, value) -> training.put("data." + key, value));
        ModelBundle bundle = new ModelBundle(network, spec(model, ids).toMap(), training, Optional.of(vocabulary),
                Optional.empty(), Provenance.now(task, 1, Map.of(), Optional.empty()));
        Files.createDirectories(out);
        Path zip = out.resolve("model.zip");
        bundle.save(zip);
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("imported %s: %d %s layer(s) of %d, %d symbols, checked against the ONNX graph -> %s%n", file,
                model.layerCount(), model.cell(), model.hidden(), model.vocabularySize(), zip);
        return 0;
    }

    private static ModelSpec spec(OnnxLanguageModel model, boolean ids) {
        Cell cell = switch (model.cell()) {
            case "LSTM" -> Cell.LSTM;
            case "GRU" -> Cell.GRU;
            default -> Cell.SIMPLE;
        };
        int v = model.vocabularySize();
        return new ModelSpec(cell, Implementation.RNNKIT, ids ? InputEncoding.INDEX : InputEncoding.ONE_HOT, v,
                ids ? model.embeddingSize() : 0, model.layerCount(), model.hidden(), model.activation(),
                BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, v, Loss.CROSS_ENTROPY,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, 1);
    }

    private static ModelVocabulary readVocabulary(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new UserInputException("--vocab: " + path + " is not a file");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (text.startsWith(CHAR_HEADER)) {
            return ModelVocabulary.of(CharVocabulary.fromText(text));
        }
        if (text.startsWith(WORD_HEADER)) {
            return ModelVocabulary.of(WordVocabulary.fromText(text));
        }
        throw new UserInputException("--vocab: " + path + " is not an rnnkit vocabulary (its first line must be '"
                + CHAR_HEADER + " 1' or '" + WORD_HEADER + " 1')");
    }

    private static ModelVocabulary corpusVocabulary(ReferenceTask task, TaskOptions options) {
        TaskData data = task.prepare(options);
        if (data.vocabulary() instanceof CharVocabulary chars) {
            return ModelVocabulary.of(chars);
        }
        return ModelVocabulary.of((WordVocabulary) data.vocabulary());
    }
}
