package io.rnnkit.models.spec;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.config.FlatValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An immutable, validated description of a recurrent network: cell and implementation, stack,
 * dropout, input encoding, head and loss. {@link NetworkFactory} turns it into a DL4J network.
 *
 * <p>It converts to and from a flat key/value form (the keys are the CLI's option names) that the
 * CLI, the logs and saved bundles share; an invalid value or combination fails with a one-line
 * message that names the field.
 *
 * @param cell              simple, lstm or gru
 * @param implementation    rnnkit (fused layers) or dl4j (stock layers, simple and lstm only)
 * @param input             dense, one-hot or index features
 * @param inputSize         features per step, or the vocabulary size for one-hot and index input
 * @param embedding         embedding width for index input, 0 for none
 * @param layers            recurrent layers in the stack
 * @param hidden            units per recurrent layer (per direction)
 * @param activation        tanh or relu (relu for the simple cell only)
 * @param bidirectional     none, concat, add or average
 * @param dropout           keep probability of dropout on the inputs of layers above the first
 *                          (and of the first, after an embedding); 1 for none
 * @param recurrentDropout  keep probability of variational dropout on h (rnnkit only); 1 for none
 * @param head              what the network predicts
 * @param headHidden        width of a ReLU dense layer before a whole-sequence head, 0 for none
 * @param outputSize        classes or regression targets (per step for step heads)
 * @param loss              cross-entropy, binary-cross-entropy, mse or mae
 * @param weightInit        xavier, relu or uniform:SCALE
 * @param forgetBias        initial LSTM forget-gate bias
 * @param tbptt             truncated-BPTT length in steps, 0 for full backpropagation through time
 * @param dataType          float or double
 * @param seed              seed for weight initialisation
 * @param regularization    the language-model regularisers (locked dropout, weight drop, embedding dropout,
 *                          tied embeddings), {@link Regularization#NONE} for none
 */
public record ModelSpec(
        Cell cell,
        Implementation implementation,
        InputEncoding input,
        int inputSize,
        int embedding,
        int layers,
        int hidden,
        String activation,
        BidirectionalMode bidirectional,
        double dropout,
        double recurrentDropout,
        Head head,
        int headHidden,
        int outputSize,
        Loss loss,
        WeightInitSpec weightInit,
        double forgetBias,
        int tbptt,
        DataType dataType,
        long seed,
        Regularization regularization) {

    /** A spec without the language-model regularisers. */
    public ModelSpec(Cell cell, Implementation implementation, InputEncoding input, int inputSize, int embedding,
                     int layers, int hidden, String activation, BidirectionalMode bidirectional, double dropout,
                     double recurrentDropout, Head head, int headHidden, int outputSize, Loss loss,
                     WeightInitSpec weightInit, double forgetBias, int tbptt, DataType dataType, long seed) {
        this(cell, implementation, input, inputSize, embedding, layers, hidden, activation, bidirectional, dropout,
                recurrentDropout, head, headHidden, outputSize, loss, weightInit, forgetBias, tbptt, dataType, seed,
                Regularization.NONE);
    }

    public ModelSpec {
        positive("input-size", inputSize);
        positive("layers", layers);
        positive("hidden", hidden);
        positive("output-size", outputSize);
        notNegative("embedding", embedding);
        notNegative("head-hidden", headHidden);
        notNegative("tbptt", tbptt);
        keepProbability("dropout", dropout);
        keepProbability("recurrent-dropout", recurrentDropout);
        if (!activation.equals("tanh") && !activation.equals("relu")) {
            throw new UserInputException("activation: unknown value '" + activation + "'; choose tanh or relu");
        }
        if (activation.equals("relu") && cell != Cell.SIMPLE) {
            throw new UserInputException("activation: relu is only for --cell simple; lstm and gru use tanh");
        }
        if (embedding > 0 && input != InputEncoding.INDEX) {
            throw new UserInputException("embedding: needs --input index, but the input is "
                    + Choices.name(input) + " (one-hot and dense features go straight into the recurrent layer)");
        }
        if (input == InputEncoding.INDEX && embedding == 0) {
            throw new UserInputException("input: index features need --embedding > 0");
        }
        if (implementation == Implementation.DL4J && cell == Cell.GRU) {
            throw new UserInputException("impl: DL4J has no GRU layer; use --impl rnnkit for --cell gru");
        }
        if (implementation == Implementation.DL4J && recurrentDropout < 1) {
            throw new UserInputException("recurrent-dropout: needs --impl rnnkit (stock DL4J layers have no variational dropout)");
        }
        if (loss.isClassification() != (head == Head.SEQUENCE_CLASSIFICATION || head == Head.STEP_CLASSIFICATION
                || head == Head.SEQ2SEQ)) {
            throw new UserInputException("loss: " + Choices.name(loss) + " does not fit --head " + Choices.name(head));
        }
        if (head == Head.SEQ2SEQ && loss != Loss.CROSS_ENTROPY) {
            throw new UserInputException("loss: the seq2seq head writes symbols and needs cross-entropy");
        }
        if (head == Head.SEQ2SEQ && bidirectional != BidirectionalMode.NONE) {
            throw new UserInputException("bidirectional: not supported with the seq2seq head");
        }
        if (tbptt > 0 && (head == Head.SEQUENCE_CLASSIFICATION || head == Head.LAST_STEP_REGRESSION
                || head == Head.SEQ2SEQ)) {
            throw new UserInputException("tbptt: truncated BPTT needs a label at every step, not --head " + Choices.name(head));
        }
        if (tbptt > 0 && bidirectional != BidirectionalMode.NONE) {
            throw new UserInputException("tbptt: a bidirectional network must see whole sequences; use --tbptt 0");
        }
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new UserInputException("dtype: choose float or double, got " + dataType);
        }
        if (weightInit == null) {
            throw new UserInputException("weight-init: must be set");
        }
        if (regularization == null) {
            throw new UserInputException("regularization: must be set");
        }
        checkRegularization(regularization, head, implementation, loss, embedding, layers, dropout, inputSize,
                outputSize, bidirectional == BidirectionalMode.CONCAT ? 2 * hidden : hidden);
    }

    /** Where the regularisers fit this network; each refusal names its option. */
    private static void checkRegularization(Regularization r, Head head, Implementation implementation, Loss loss,
                                            int embedding, int layers, double dropout, int inputSize, int outputSize,
                                            int lastWidth) {
        if (r.equals(Regularization.NONE)) {
            return;
        }
        if (head == Head.SEQ2SEQ) {
            throw new UserInputException("locked-dropout, weight-drop, embedding-dropout and tie-weights are for"
                    + " language models and classifiers, not --head seq2seq");
        }
        if (r.weightDrop() < 1 && implementation != Implementation.RNNKIT) {
            throw new UserInputException("weight-drop: needs --impl rnnkit (stock DL4J layers have no DropConnect on"
                    + " their recurrent weights)");
        }
        if (r.embeddingDropout() < 1 && embedding == 0) {
            throw new UserInputException("embedding-dropout: needs an embedding (--input index, --embedding N)");
        }
        sharesInputWithDropout("locked-dropout-input", r.lockedInput(), dropout, embedding > 0);
        sharesInputWithDropout("locked-dropout-hidden", r.lockedHidden(), dropout, layers > 1);
        sharesInputWithDropout("locked-dropout-output", r.lockedOutput(), dropout, true);
        if (r.tiedEmbeddings()) {
            if (embedding == 0 || head != Head.STEP_CLASSIFICATION || implementation != Implementation.RNNKIT
                    || loss != Loss.CROSS_ENTROPY) {
                throw new UserInputException("tie-weights: needs a word or character language model: --input index"
                        + " with an embedding, a per-step cross-entropy head and --impl rnnkit");
            }
            if (embedding != lastWidth || inputSize != outputSize) {
                throw new UserInputException("tie-weights: the embedding width (" + embedding + ") must equal the last"
                        + " layer's output width (" + lastWidth + "; set --embedding or --hidden) and the"
                        + " vocabulary in (" + inputSize + ") the classes out (" + outputSize + ")");
            }
        }
    }

    /** Refuses plain and locked dropout on the same layer input: a layer takes one dropout. */
    private static void sharesInputWithDropout(String field, double lockedKeep, double dropout,
                                               boolean dropoutAppliesThere) {
        if (lockedKeep < 1 && dropout < 1 && dropoutAppliesThere) {
            throw new UserInputException(field + ": --dropout " + dropout + " already drops that layer input;"
                    + " use one of the two");
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new UserInputException(field + ": must be a positive whole number, got " + value);
        }
    }

    private static void notNegative(String field, int value) {
        if (value < 0) {
            throw new UserInputException(field + ": must be 0 or more, got " + value);
        }
    }

    private static void keepProbability(String field, double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new UserInputException(field + ": is a keep probability in (0, 1] (1 = no dropout), got " + keep);
        }
    }

    /** The width of one recurrent layer's output, after combining directions. */
    public int layerOutputSize() {
        return bidirectional == BidirectionalMode.CONCAT ? 2 * hidden : hidden;
    }

    /** This spec as flat key/value pairs, keyed by CLI option name. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("cell", Choices.name(cell));
        map.put("impl", Choices.name(implementation));
        map.put("input", Choices.name(input));
        map.put("input-size", Integer.toString(inputSize));
        map.put("embedding", Integer.toString(embedding));
        map.put("layers", Integer.toString(layers));
        map.put("hidden", Integer.toString(hidden));
        map.put("activation", activation);
        map.put("bidirectional", Choices.name(bidirectional));
        map.put("dropout", Double.toString(dropout));
        map.put("recurrent-dropout", Double.toString(recurrentDropout));
        map.put("head", Choices.name(head));
        map.put("head-hidden", Integer.toString(headHidden));
        map.put("output-size", Integer.toString(outputSize));
        map.put("loss", Choices.name(loss));
        map.put("weight-init", weightInit.text());
        map.put("forget-bias", Double.toString(forgetBias));
        map.put("tbptt", Integer.toString(tbptt));
        map.put("dtype", dataType == DataType.DOUBLE ? "double" : "float");
        map.put("seed", Long.toString(seed));
        map.putAll(regularization.toMap());
        return map;
    }

    /**
     * Reads a spec from its flat form; every key of {@link #toMap()} must be present but the regularisers', which
     * default to off (bundles saved before they existed).
     */
    public static ModelSpec fromMap(Map<String, String> map) {
        FlatValues values = new FlatValues(map);
        String dtype = values.text("dtype");
        if (!dtype.equals("float") && !dtype.equals("double")) {
            throw new UserInputException("dtype: choose float or double, got '" + dtype + "'");
        }
        return new ModelSpec(
                Choices.parse("cell", values.text("cell"), Cell.class),
                Choices.parse("impl", values.text("impl"), Implementation.class),
                Choices.parse("input", values.text("input"), InputEncoding.class),
                values.integer("input-size"),
                values.integer("embedding"),
                values.integer("layers"),
                values.integer("hidden"),
                values.text("activation"),
                Choices.parse("bidirectional", values.text("bidirectional"), BidirectionalMode.class),
                values.decimal("dropout"),
                values.decimal("recurrent-dropout"),
                Choices.parse("head", values.text("head"), Head.class),
                values.integer("head-hidden"),
                values.integer("output-size"),
                Choices.parse("loss", values.text("loss"), Loss.class),
                new WeightInitSpec(values.text("weight-init")),
                values.decimal("forget-bias"),
                values.integer("tbptt"),
                dtype.equals("double") ? DataType.DOUBLE : DataType.FLOAT,
                values.longValue("seed"),
                Regularization.fromMap(values));
    }

    /** This spec with some flat values replaced, validated again (how the CLI applies overrides). */
    public ModelSpec with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(toMap());
        for (String key : overrides.keySet()) {
            if (!merged.containsKey(key)) {
                throw new UserInputException(key + ": not a model setting; known settings: " + String.join(", ", merged.keySet()));
            }
        }
        merged.putAll(overrides);
        return fromMap(merged);
    }
}
