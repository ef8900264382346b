package io.rnnkit.models.bundle;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.WordVocabulary;
import java.util.Objects;

/** The vocabulary a language model was trained with: either characters or words. */
public sealed interface ModelVocabulary permits ModelVocabulary.Chars, ModelVocabulary.Words {

    /** Wraps a character vocabulary. */
    static ModelVocabulary of(CharVocabulary vocabulary) {
        return new Chars(vocabulary);
    }

    /** Wraps a word vocabulary. */
    static ModelVocabulary of(WordVocabulary vocabulary) {
        return new Words(vocabulary);
    }

    /** Parses the text form of a vocabulary of the given kind ({@code char} or {@code word}). */
    static ModelVocabulary fromText(String kind, String text) {
        return switch (kind) {
            case Chars.KIND -> new Chars(CharVocabulary.fromText(text));
            case Words.KIND -> new Words(WordVocabulary.fromText(text));
            default -> throw new UserInputException("vocabulary: unknown kind '" + kind + "' (expected "
                    + Chars.KIND + " or " + Words.KIND + ")");
        };
    }

    /** {@code char} or {@code word}. */
    String kind();

    /** Number of ids, which is the width of the network's one-hot input and softmax output. */
    int size();

    /** The vocabulary's own serialized text form. */
    String toText();

    /** A character vocabulary. */
    record Chars(CharVocabulary vocabulary) implements ModelVocabulary {

        static final String KIND = "char";

        public Chars {
            Objects.requireNonNull(vocabulary, "vocabulary");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public int size() {
            return vocabulary.size();
        }

        @Override
        public String toText() {
            return vocabulary.toText();
        }
    }

    /** A word vocabulary. */
    record Words(WordVocabulary vocabulary) implements ModelVocabulary {

        static final String KIND = "word";

        public Words {
            Objects.requireNonNull(vocabulary, "vocabulary");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public int size() {
            return vocabulary.size();
        }

        @Override
        public String toText() {
            return vocabulary.toText();
        }
    }
}
