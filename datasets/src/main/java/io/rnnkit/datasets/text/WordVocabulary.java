package io.rnnkit.datasets.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.TextFiles;

/**
 * A word vocabulary built as the reference PTB reader builds it: words sorted by descending count,
 * ties alphabetically, id = rank. It always contains {@code <unk>}, which unseen words map to.
 * Serializes as a header line followed by one word per line, in id order.
 */
public final class WordVocabulary {

    /** The unknown word. */
    public static final String UNKNOWN = "<unk>";
    /** The end-of-sentence token appended to every line. */
    public static final String END_OF_SENTENCE = "<eos>";

    private static final String HEADER = "rnnkit-word-vocabulary 1";

    private final String[] words;
    private final Map<String, Integer> index;

    private WordVocabulary(String[] words) {
        this.words = words;
        this.index = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (index.put(words[i], i) != null) {
                throw new UserInputException("vocabulary: word '" + words[i] + "' appears twice");
            }
        }
    }

    /** Builds the vocabulary from word counts; {@code <unk>} is added last if the counts lack it. */
    public static WordVocabulary fromCounts(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Integer.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        List<String> words = new ArrayList<>(entries.size() + 1);
        entries.forEach(e -> words.add(e.getKey()));
        if (!counts.containsKey(UNKNOWN)) {
            words.add(UNKNOWN);
        }
        return new WordVocabulary(words.toArray(String[]::new));
    }

    /** Number of words including {@code <unk>} and {@code <eos>}. */
    public int size() {
        return words.length;
    }

    /** The id of {@code word}, or the id of {@code <unk>} if unseen. */
    public int indexOf(String word) {
        Integer id = index.get(word);
        return id != null ? id : index.get(UNKNOWN);
    }

    /** Whether {@code word} has its own id. */
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** The word with id {@code index}. */
    public String wordAt(int index) {
        return words[index];
    }

    /** The serialized text form. */
    public String toText() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (String word : words) {
            out.append(word).append('\n');
        }
        return out.toString();
    }

    /** Parses the form written by {@link #toText()}. */
    public static WordVocabulary fromText(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].strip().equals(HEADER)) {
            throw new UserInputException("vocabulary: not an rnnkit word vocabulary (expected '" + HEADER
                    + "' and one word per line)");
        }
        String[] words = new String[lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            String word = lines[i].strip();
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new UserInputException("vocabulary: line " + (i + 1) + " is not a single word: '" + lines[i] + "'");
            }
            words[i - 1] = word;
        }
        WordVocabulary vocabulary = new WordVocabulary(words);
        if (!vocabulary.contains(UNKNOWN)) {
            throw new UserInputException("vocabulary: has no " + UNKNOWN + " entry");
        }
        return vocabulary;
    }

    /** Writes the text form to {@code file} as UTF-8. */
    public void save(Path file) throws IOException {
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    /** Reads a vocabulary saved by {@link #save}. */
    public static WordVocabulary load(Path file) {
        return fromText(TextFiles.readUtf8(file, "save the vocabulary again with the model"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WordVocabulary that && java.util.Arrays.equals(words, that.words);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(words);
    }
}
