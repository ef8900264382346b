package io.rnnkit.datasets.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.TextFiles;

/**
 * A character vocabulary over Unicode code points (so emoji and CJK text work), with the text
 * cleaning it was built with and an optional unknown symbol.
 *
 * <p>Ids follow d2l: the unknown symbol (if any) is 0, then symbols by descending frequency, ties
 * by ascending code point. It serializes to a small text form:
 * <pre>
 * rnnkit-char-vocabulary 1
 * cleaning LETTERS_AND_SPACES
 * symbols &lt;unk&gt; U+0020 U+0065 ...
 * </pre>
 */
public final class CharVocabulary {

    /** The code point stored for the unknown symbol. */
    public static final int UNKNOWN = -1;

    private static final String HEADER = "rnnkit-char-vocabulary 1";
    private static final String UNKNOWN_TOKEN = "<unk>";
    private static final int DENSE_LIMIT = 0x10000;

    private final int[] codePoints;
    private final TextCleaning cleaning;
    private final int unknownIndex;
    private final int[] denseIndex;
    private final Map<Integer, Integer> sparseIndex = new HashMap<>();

    private CharVocabulary(int[] codePoints, TextCleaning cleaning) {
        this.codePoints = codePoints;
        this.cleaning = cleaning;
        this.denseIndex = new int[DENSE_LIMIT];
        Arrays.fill(denseIndex, -1);
        int unknown = -1;
        for (int i = 0; i < codePoints.length; i++) {
            int cp = codePoints[i];
            if (cp == UNKNOWN) {
                unknown = i;
            } else if (cp < DENSE_LIMIT) {
                denseIndex[cp] = i;
            } else {
                sparseIndex.put(cp, i);
            }
        }
        this.unknownIndex = unknown;
    }

    /**
     * Builds a vocabulary from already cleaned text.
     *
     * @param cleanedText text after {@code cleaning} was applied
     * @param cleaning the cleaning to remember (applied again by {@link #encode})
     * @param withUnknown whether to reserve id 0 for symbols not seen in the text
     */
    public static CharVocabulary build(String cleanedText, TextCleaning cleaning, boolean withUnknown) {
        CodePointCounts counts = new CodePointCounts();
        cleanedText.codePoints().forEach(counts);
        return build(counts, cleaning, withUnknown);
    }

    /** Builds a vocabulary from counted code points (of text already cleaned with {@code cleaning}). */
    static CharVocabulary build(CodePointCounts counts, TextCleaning cleaning, boolean withUnknown) {
        int[] symbols = counts.byDescendingCount();
        int[] codePoints = new int[symbols.length + (withUnknown ? 1 : 0)];
        int next = 0;
        if (withUnknown) {
            codePoints[next++] = UNKNOWN;
        }
        for (int symbol : symbols) {
            codePoints[next++] = symbol;
        }
        return new CharVocabulary(codePoints, cleaning);
    }

    /** Number of ids, including the unknown symbol. */
    public int size() {
        return codePoints.length;
    }

    /** The cleaning applied to text before it is encoded. */
    public TextCleaning cleaning() {
        return cleaning;
    }

    /** The unknown symbol's id, or -1 when the vocabulary has none. */
    public int unknownIndex() {
        return unknownIndex;
    }

    /** The code point of an id ({@link #UNKNOWN} for the unknown symbol). */
    public int codePointAt(int index) {
        return codePoints[index];
    }

    /**
     * The id of a code point; unseen code points map to the unknown symbol.
     *
     * @throws UserInputException when the code point is unseen and there is no unknown symbol
     */
    public int indexOf(int codePoint) {
        int index = codePoint >= 0 && codePoint < DENSE_LIMIT ? denseIndex[codePoint]
                : sparseIndex.getOrDefault(codePoint, -1);
        if (index >= 0) {
            return index;
        }
        if (unknownIndex >= 0) {
            return unknownIndex;
        }
        throw new UserInputException("text: character '" + new String(Character.toChars(codePoint)) + "' (U+"
                + String.format("%04X", codePoint) + ") is not in the vocabulary; use only characters from the training corpus");
    }

    /** Cleans {@code text} as this vocabulary's corpus was cleaned and maps each code point to its id. */
    public int[] encode(String text) {
        return encodeCleaned(cleaning.apply(text));
    }

    /** Maps each code point of already cleaned text to its id. */
    public int[] encodeCleaned(String cleanedText) {
        int[] ids = new int[cleanedText.codePointCount(0, cleanedText.length())];
        int i = 0;
        for (int offset = 0; offset < cleanedText.length(); ) {
            int cp = cleanedText.codePointAt(offset);
            ids[i++] = indexOf(cp);
            offset += Character.charCount(cp);
        }
        return ids;
    }

    /** The text of a sequence of ids; the unknown symbol decodes to U+FFFD. */
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            int cp = codePoints[id];
            out.appendCodePoint(cp == UNKNOWN ? 0xFFFD : cp);
        }
        return out.toString();
    }

    /** The serialized text form (see the class comment). */
    public String toText() {
        StringBuilder out = new StringBuilder(HEADER).append('\n')
                .append("cleaning ").append(cleaning.name()).append('\n')
                .append("symbols");
        for (int cp : codePoints) {
            out.append(' ').append(cp == UNKNOWN ? UNKNOWN_TOKEN : String.format("U+%04X", cp));
        }
        return out.append('\n').toString();
    }

    /** Parses the text form written by {@link #toText()}. */
    public static CharVocabulary fromText(String text) {
        String[] lines = text.strip().split("\n");
        if (lines.length != 3 || !lines[0].strip().equals(HEADER) || !lines[1].startsWith("cleaning ")
                || !lines[2].startsWith("symbols")) {
            throw new UserInputException("vocabulary: not an rnnkit character vocabulary (expected '" + HEADER
                    + "', a cleaning line and a symbols line)");
        }
        TextCleaning cleaning;
        try {
            cleaning = TextCleaning.valueOf(lines[1].substring("cleaning ".length()).strip());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("vocabulary: unknown cleaning '" + lines[1].substring(9).strip() + "'", e);
        }
        String[] tokens = lines[2].substring("symbols".length()).strip().split(" ");
        int[] codePoints = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            codePoints[i] = parseSymbol(tokens[i]);
        }
        return new CharVocabulary(codePoints, cleaning);
    }

    /** Writes the text form to {@code file} as UTF-8. */
    public void save(Path file) throws IOException {
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    /** Reads a vocabulary saved by {@link #save}. */
    public static CharVocabulary load(Path file) {
        return fromText(TextFiles.readUtf8(file, "save the vocabulary again with the model"));
    }

    private static int parseSymbol(String token) {
        if (token.equals(UNKNOWN_TOKEN)) {
            return UNKNOWN;
        }
        if (token.startsWith("U+")) {
            try {
                int cp = Integer.parseInt(token.substring(2), 16);
                if (Character.isValidCodePoint(cp)) {
                    return cp;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new UserInputException("vocabulary: bad symbol '" + token + "' (expected U+XXXX or <unk>)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CharVocabulary that && cleaning == that.cleaning
                && Arrays.equals(codePoints, that.codePoints);
    }

    @Override
    public int hashCode() {
        return 31 * cleaning.hashCode() + Arrays.hashCode(codePoints);
    }
}
