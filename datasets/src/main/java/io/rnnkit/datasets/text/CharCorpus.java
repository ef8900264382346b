package io.rnnkit.datasets.text;

import java.nio.file.Path;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.TextFiles;

/** A text as an {@code int[]} of character ids with its {@link CharVocabulary}, and its two samplers. */
public final class CharCorpus {

    private final CharVocabulary vocabulary;
    private final int[] tokens;

    private CharCorpus(CharVocabulary vocabulary, int[] tokens) {
        this.vocabulary = vocabulary;
        this.tokens = tokens;
    }

    /** Cleans {@code text} and builds a vocabulary from it. */
    public static CharCorpus fromText(String text, TextCleaning cleaning, boolean withUnknown) {
        String cleaned = cleaning.apply(text);
        if (cleaned.isEmpty()) {
            throw new UserInputException("corpus: no characters left after " + cleaning + " cleaning");
        }
        CharVocabulary vocabulary = CharVocabulary.build(cleaned, cleaning, withUnknown);
        return new CharCorpus(vocabulary, vocabulary.encodeCleaned(cleaned));
    }

    /** Encodes {@code text} with an existing vocabulary (such as one saved with a model). */
    public static CharCorpus fromText(String text, CharVocabulary vocabulary) {
        return new CharCorpus(vocabulary, vocabulary.encode(text));
    }

    /** A user's own UTF-8 text file ({@code --corpus FILE}). */
    public static CharCorpus load(Path file, TextCleaning cleaning, boolean withUnknown) {
        return fromText(TextFiles.readUtf8(file, "check the --corpus path"), cleaning, withUnknown);
    }

    /**
     * A verified character corpus from the data directory: {@link Corpus#TIMEMACHINE} or
     * {@link Corpus#SHAKESPEARE}.
     */
    public static CharCorpus load(CorpusStore store, Corpus corpus, TextCleaning cleaning, boolean withUnknown) {
        if (corpus != Corpus.TIMEMACHINE && corpus != Corpus.SHAKESPEARE) {
            throw new UserInputException("corpus: " + corpus.id() + " is not a character corpus; use timemachine or shakespeare");
        }
        Path file = store.verifiedFile(corpus, corpus.files().get(0).fileName());
        return fromText(TextFiles.readUtf8(file, "run " + corpus.fetchCommand()), cleaning, withUnknown);
    }

    /** The vocabulary. */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The ids of the whole text (shared, do not modify). */
    public int[] tokens() {
        return tokens;
    }

    /** Number of characters (code points) after cleaning. */
    public int length() {
        return tokens.length;
    }

    /** Contiguous streams for stateful training (see {@link SequentialTokenIterator}). */
    public SequentialTokenIterator sequential(TokenBatchShape shape, Long offsetSeed) {
        return new SequentialTokenIterator(tokens, vocabulary.size(), shape, offsetSeed);
    }

    /** Shuffled random windows (see {@link RandomWindowIterator}). */
    public RandomWindowIterator randomWindows(TokenBatchShape shape, long seed) {
        return new RandomWindowIterator(tokens, vocabulary.size(), shape, seed);
    }
}
