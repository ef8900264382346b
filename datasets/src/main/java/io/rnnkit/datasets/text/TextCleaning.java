package io.rnnkit.datasets.text;

import java.util.function.IntConsumer;

/** How raw text is normalized before a character vocabulary is built from it. */
public enum TextCleaning {

    /** The text as it is. */
    NONE,

    /** Lowercased (Unicode rules, root locale), a line at a time. */
    LOWERCASE,

    /**
     * d2l's cleaning for The Time Machine: in each line every run of non-letters (not A–Z/a–z)
     * becomes one space, the line is trimmed and lowercased, and the lines are concatenated
     * without a separator.
     */
    LETTERS_AND_SPACES;

    /** Applies this cleaning. */
    public String apply(String text) {
        StringBuilder out = new StringBuilder(text.length());
        StreamingCleaner cleaner = cleaner(out::appendCodePoint);
        cleaner.accept(text);
        cleaner.finish();
        return out.toString();
    }

    /** A cleaner for text that arrives in chunks; it passes the cleaned text on as code points. */
    public StreamingCleaner cleaner(IntConsumer codePoints) {
        return new StreamingCleaner(this, codePoints);
    }
}
