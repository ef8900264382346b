package io.rnnkit.datasets.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.TextFiles;

/**
 * A word-level corpus tokenized as the reference PTB reader does: split on whitespace, append
 * {@code <eos>} per line, vocabulary from train; valid and test use the train vocabulary (unseen
 * words become {@code <unk>}). Each split is held as an {@code int[]} of ids.
 */
public final class PtbCorpus {

    /** The three splits. */
    public enum Split {
        /** Training text; the vocabulary comes from it. */
        TRAIN,
        /** Validation text. */
        VALID,
        /** Test text. */
        TEST
    }

    private final WordVocabulary vocabulary;
    private final Map<Split, int[]> tokens;
    private final Map<Split, Integer> lines;

    private PtbCorpus(WordVocabulary vocabulary, Map<Split, int[]> tokens, Map<Split, Integer> lines) {
        this.vocabulary = vocabulary;
        this.tokens = tokens;
        this.lines = lines;
    }

    /** The verified PTB files from the data directory. */
    public static PtbCorpus load(CorpusStore store) {
        String fix = "run " + Corpus.PTB.fetchCommand();
        return fromTexts(
                TextFiles.readUtf8(store.verifiedFile(Corpus.PTB, "ptb.train.txt"), fix),
                TextFiles.readUtf8(store.verifiedFile(Corpus.PTB, "ptb.valid.txt"), fix),
                TextFiles.readUtf8(store.verifiedFile(Corpus.PTB, "ptb.test.txt"), fix));
    }

    /** A user's own train/valid/test text files, tokenized the PTB way. */
    public static PtbCorpus load(Path train, Path valid, Path test) {
        String fix = "check the corpus path";
        return fromTexts(TextFiles.readUtf8(train, fix), TextFiles.readUtf8(valid, fix), TextFiles.readUtf8(test, fix));
    }

    /** Tokenizes three texts; the vocabulary comes from {@code train}. */
    public static PtbCorpus fromTexts(String train, String valid, String test) {
        List<String> trainWords = new ArrayList<>();
        int trainLines = splitWords(train, trainWords);
        if (trainLines == 0) {
            throw new UserInputException("corpus: the training text has no lines");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String word : trainWords) {
            counts.merge(word, 1, Integer::sum);
        }
        WordVocabulary vocabulary = WordVocabulary.fromCounts(counts);
        Map<Split, int[]> tokens = new EnumMap<>(Split.class);
        Map<Split, Integer> lines = new EnumMap<>(Split.class);
        tokens.put(Split.TRAIN, ids(trainWords, vocabulary));
        lines.put(Split.TRAIN, trainLines);
        for (Map.Entry<Split, String> split : Map.of(Split.VALID, valid, Split.TEST, test).entrySet()) {
            List<String> words = new ArrayList<>();
            lines.put(split.getKey(), splitWords(split.getValue(), words));
            tokens.put(split.getKey(), ids(words, vocabulary));
        }
        return new PtbCorpus(vocabulary, tokens, lines);
    }

    /** The vocabulary built from train. */
    public WordVocabulary vocabulary() {
        return vocabulary;
    }

    /** The ids of a split including one {@code <eos>} per line (shared, do not modify). */
    public int[] tokens(Split split) {
        return tokens.get(split);
    }

    /** Words in a split, not counting {@code <eos>}. */
    public int wordCount(Split split) {
        return tokens.get(split).length - lines.get(split);
    }

    /** Lines in a split (one {@code <eos>} each). */
    public int lineCount(Split split) {
        return lines.get(split);
    }

    /** Contiguous [B, T] windows walking along B rows, as the reference {@code ptb_iterator}. */
    public SequentialTokenIterator iterator(Split split, TokenBatchShape shape) {
        return new SequentialTokenIterator(TokenSequence.of(tokens(split)), vocabulary.size(), shape, null);
    }

    /** Splits text into words per line, appending {@code <eos>} to each line; returns the line count. */
    private static int splitWords(String text, List<String> out) {
        int lineCount = 0;
        int length = text.length();
        int position = 0;
        while (position < length) {
            int end = text.indexOf('\n', position);
            if (end < 0) {
                end = length;
            }
            int i = position;
            while (i < end) {
                while (i < end && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < end && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    out.add(text.substring(start, i));
                }
            }
            out.add(WordVocabulary.END_OF_SENTENCE);
            lineCount++;
            position = end + 1;
        }
        return lineCount;
    }

    private static int[] ids(List<String> words, WordVocabulary vocabulary) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.indexOf(words.get(i));
        }
        return ids;
    }
}
