package io.rnnkit.datasets.text;

import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Applies a {@link TextCleaning} to text fed in chunks, in memory bounded by the chunk (and, for
 * lowercasing, by the longest line up to a limit), passing the cleaned code points on. Chunk borders
 * may fall anywhere, even inside a surrogate pair: the output is that of cleaning the whole text at once.
 */
public final class StreamingCleaner {

    /** Lowercasing looks at whole lines (Greek final sigma depends on its neighbours); longer ones go in parts. */
    private static final int LINE_LIMIT = 1 << 20;

    private final TextCleaning cleaning;
    private final IntConsumer out;
    private final StringBuilder line = new StringBuilder();
    private char pendingHigh;
    private boolean lineHasLetter;
    private boolean spaceOwed;

    StreamingCleaner(TextCleaning cleaning, IntConsumer out) {
        this.cleaning = cleaning;
        this.out = out;
    }

    /** Cleans the next chunk of text. */
    public void accept(CharSequence chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            switch (cleaning) {
                case NONE -> codeUnit(c);
                case LOWERCASE -> lowercase(c);
                case LETTERS_AND_SPACES -> letterOrSpace(c);
            }
        }
    }

    /** Passes on what is still held back; call once after the last chunk. */
    public void finish() {
        if (cleaning == TextCleaning.LOWERCASE) {
            flushLine();
        } else if (pendingHigh != 0) {
            out.accept(pendingHigh);
            pendingHigh = 0;
        }
    }

    /** Joins surrogate pairs into code points; a lone surrogate passes on as itself, as String.codePoints does. */
    private void codeUnit(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                out.accept(Character.toCodePoint(high, c));
                return;
            }
            out.accept(high);
        }
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else {
            out.accept(c);
        }
    }

    private void lowercase(char c) {
        line.append(c);
        if (c == '\n' || (line.length() >= LINE_LIMIT && !Character.isHighSurrogate(c))) {
            flushLine();
        }
    }

    private void flushLine() {
        line.toString().toLowerCase(Locale.ROOT).codePoints().forEach(out);
        line.setLength(0);
    }

    private void letterOrSpace(char c) {
        if (c == '\n') {
            lineHasLetter = false;
            spaceOwed = false;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            if (spaceOwed && lineHasLetter) {
                out.accept(' ');
            }
            out.accept(Character.toLowerCase(c));
            lineHasLetter = true;
            spaceOwed = false;
        } else {
            spaceOwed = true;
        }
    }
}
