package io.rnnkit.models.sampling;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.WordVocabulary;
import io.rnnkit.models.bundle.ModelVocabulary;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a prefix into the ids a language model reads, and generated ids back into text as it streams. */
sealed interface TextCodec permits TextCodec.Chars, TextCodec.Words {

    static TextCodec of(ModelVocabulary vocabulary) {
        if (vocabulary instanceof ModelVocabulary.Chars chars) {
            return new Chars(chars.vocabulary());
        }
        return new Words(((ModelVocabulary.Words) vocabulary).vocabulary());
    }

    /** The prefix as ids, never empty: the model needs at least one symbol to start from. */
    int[] encode(String prefix);

    /** The text of {@code id} as it follows {@code previous} in the output. */
    String render(int previous, int id);

    /** Characters are cleaned as the corpus was, then must all be in the vocabulary unless it has an unknown symbol. */
    record Chars(CharVocabulary vocabulary) implements TextCodec {

        @Override
        public int[] encode(String prefix) {
            String cleaned = vocabulary.cleaning().apply(prefix);
            if (cleaned.isEmpty()) {
                throw new UserInputException("--prefix: must contain at least one character from the vocabulary"
                        + " (after " + vocabulary.cleaning() + " cleaning it is empty)");
            }
            if (vocabulary.unknownIndex() < 0) {
                rejectUnknown(cleaned);
            }
            return vocabulary.encodeCleaned(cleaned);
        }

        @Override
        public String render(int previous, int id) {
            // The unknown symbol prints as the word models print theirs, not as U+FFFD.
            return id == vocabulary.unknownIndex() ? "<unk>" : vocabulary.decode(new int[] {id});
        }

        private void rejectUnknown(String cleaned) {
            Set<Integer> known = IntStream.range(0, vocabulary.size()).map(vocabulary::codePointAt).boxed()
                    .collect(Collectors.toSet());
            Set<Integer> unknown = cleaned.codePoints().filter(cp -> !known.contains(cp)).boxed()
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!unknown.isEmpty()) {
                throw new UserInputException("--prefix: characters not in the model's vocabulary: "
                        + unknown.stream().map(Chars::describe).collect(Collectors.joining(", "))
                        + "; use only characters from the training corpus");
            }
        }

        private static String describe(int codePoint) {
            return "'" + new String(Character.toChars(codePoint)) + "' (U+" + String.format("%04X", codePoint) + ")";
        }
    }

    /**
     * Words are separated by whitespace and a line break reads as {@code <eos>}; unseen words read as
     * {@code <unk>}. Output words are space-separated and {@code <eos>} prints as a line break.
     */
    record Words(WordVocabulary vocabulary) implements TextCodec {

        private static final Logger LOG = LoggerFactory.getLogger(TextCodec.class);

        @Override
        public int[] encode(String prefix) {
            String[] words = Arrays.stream(prefix.replace("\n", " " + WordVocabulary.END_OF_SENTENCE + " ").split("\\s+"))
                    .filter(word -> !word.isEmpty()).toArray(String[]::new);
            if (words.length == 0) {
                if (!vocabulary.contains(WordVocabulary.END_OF_SENTENCE)) {
                    throw new UserInputException("--prefix: must contain at least one word (this vocabulary has no "
                            + WordVocabulary.END_OF_SENTENCE + " to start a sentence from)");
                }
                return new int[] {vocabulary.indexOf(WordVocabulary.END_OF_SENTENCE)};
            }
            Set<String> unknown = Arrays.stream(words).filter(word -> !vocabulary.contains(word))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!unknown.isEmpty()) {
                LOG.info("prefix words not in the vocabulary, read as {}: {}", WordVocabulary.UNKNOWN, unknown);
            }
            return Arrays.stream(words).mapToInt(vocabulary::indexOf).toArray();
        }

        @Override
        public String render(int previous, int id) {
            String word = vocabulary.wordAt(id);
            if (word.equals(WordVocabulary.END_OF_SENTENCE)) {
                return "\n";
            }
            boolean lineStart = vocabulary.wordAt(previous).equals(WordVocabulary.END_OF_SENTENCE);
            return lineStart ? word : " " + word;
        }
    }
}
