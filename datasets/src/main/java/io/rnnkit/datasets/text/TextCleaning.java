package io.rnnkit.datasets.text;

import java.util.Locale;
import java.util.regex.Pattern;

/** How raw text is normalized before a character vocabulary is built from it. */
public enum TextCleaning {

    /** The text as it is. */
    NONE,

    /** Lowercased (Unicode rules, root locale). */
    LOWERCASE,

    /**
     * d2l's cleaning for The Time Machine: in each line every run of non-letters (not A–Z/a–z)
     * becomes one space, the line is trimmed and lowercased, and the lines are concatenated
     * without a separator.
     */
    LETTERS_AND_SPACES;

    private static final Pattern NON_LETTERS = Pattern.compile("[^A-Za-z]+");

    /** Applies this cleaning. */
    public String apply(String text) {
        return switch (this) {
            case NONE -> text;
            case LOWERCASE -> text.toLowerCase(Locale.ROOT);
            case LETTERS_AND_SPACES -> lettersAndSpaces(text);
        };
    }

    private static String lettersAndSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            out.append(NON_LETTERS.matcher(line).replaceAll(" ").strip().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
