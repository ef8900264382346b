package io.rnnkit.models.spec;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.config.FlatValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWD-LSTM regularisers of a language model, each off at its default: locked (variational)
 * dropout on the embedding's output, between recurrent layers and on the last layer's output;
 * DropConnect on the recurrent weights; embedding dropout of whole words; tied input and output
 * embeddings. Training applies them; inference applies none.
 *
 * @param lockedInput      keep probability of locked dropout on the embedding's output (the first
 *                         recurrent layer's input); 1 for none
 * @param lockedHidden     keep probability of locked dropout between recurrent layers; 1 for none
 * @param lockedOutput     keep probability of locked dropout on the last recurrent layer's output; 1 for none
 * @param weightDrop       keep probability of DropConnect on each recurrent layer's recurrent weights; 1 for none
 * @param embeddingDropout keep probability of each vocabulary word's embedding row per pass; 1 for none
 * @param tiedEmbeddings   whether the softmax output weights are the embedding matrix, transposed
 */
public record Regularization(double lockedInput, double lockedHidden, double lockedOutput, double weightDrop,
                             double embeddingDropout, boolean tiedEmbeddings) {

    /** No regulariser. */
    public static final Regularization NONE = new Regularization(1, 1, 1, 1, 1, false);

    public Regularization {
        keep("locked-dropout-input", lockedInput);
        keep("locked-dropout-hidden", lockedHidden);
        keep("locked-dropout-output", lockedOutput);
        keep("weight-drop", weightDrop);
        keep("embedding-dropout", embeddingDropout);
    }

    private static void keep(String field, double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new UserInputException(field + ": is a keep probability in (0, 1] (1 = none), got " + keep);
        }
    }

    /** These settings as flat key/value pairs, keyed by CLI option name. */
    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("locked-dropout-input", Double.toString(lockedInput));
        map.put("locked-dropout-hidden", Double.toString(lockedHidden));
        map.put("locked-dropout-output", Double.toString(lockedOutput));
        map.put("weight-drop", Double.toString(weightDrop));
        map.put("embedding-dropout", Double.toString(embeddingDropout));
        map.put("tie-weights", Boolean.toString(tiedEmbeddings));
        return map;
    }

    /** Reads the settings back; a key that is absent (a spec saved before they existed) means off. */
    static Regularization fromMap(FlatValues values) {
        return new Regularization(
                values.has("locked-dropout-input") ? values.decimal("locked-dropout-input") : 1,
                values.has("locked-dropout-hidden") ? values.decimal("locked-dropout-hidden") : 1,
                values.has("locked-dropout-output") ? values.decimal("locked-dropout-output") : 1,
                values.has("weight-drop") ? values.decimal("weight-drop") : 1,
                values.has("embedding-dropout") ? values.decimal("embedding-dropout") : 1,
                values.has("tie-weights") && values.bool("tie-weights"));
    }
}
