package io.rnnkit.datasets.text;

import java.io.Serializable;

/**
 * A read-only stream of token ids with random access: an array for small texts, a memory-mapped
 * {@link TokenFile} for corpora too large for the heap. Splits are views by position.
 */
public interface TokenSequence extends Serializable {

    /** Number of tokens. */
    int length();

    /** The id at {@code index}, in [0, {@link #length()}). */
    int get(int index);

    /** The tokens in [{@code from}, {@code to}) as a view (nothing is copied). */
    default TokenSequence slice(int from, int to) {
        if (from < 0 || to < from || to > length()) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + length() + " tokens");
        }
        return new TokenSlice(this, from, to - from);
    }

    /** A copy of the tokens in [{@code from}, {@code to}). */
    default int[] copyRange(int from, int to) {
        int[] ids = new int[to - from];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = get(from + i);
        }
        return ids;
    }

    /** An array as a sequence (not copied; it must not change). */
    static TokenSequence of(int[] ids) {
        return new ArrayTokens(ids);
    }

    /** Ids held in an array. */
    record ArrayTokens(int[] ids) implements TokenSequence {
        @Override
        public int length() {
            return ids.length;
        }

        @Override
        public int get(int index) {
            return ids[index];
        }
    }

    /** A contiguous part of another sequence. */
    record TokenSlice(TokenSequence base, int from, int length) implements TokenSequence {
        @Override
        public int get(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException("token " + index + " of " + length);
            }
            return base.get(from + index);
        }

        @Override
        public TokenSequence slice(int start, int end) {
            if (start < 0 || end < start || end > length) {
                throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of " + length + " tokens");
            }
            return new TokenSlice(base, from + start, end - start);
        }
    }
}
