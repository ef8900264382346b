package io.rnnkit.apps.baselines;

import java.util.HashMap;
import java.util.Map;

/**
 * Unigram and bigram language models counted on training pairs and scored on held-out pairs: the
 * perplexity of a model that ignores context, and of one that sees only the current token. A
 * recurrent model has to beat the bigram to show that it uses more than its input.
 *
 * <p>Smoothing, so that no held-out token gets probability 0:
 * <ul>
 *   <li>unigram: add-one, p(v) = (c(v) + 1) / (N + V);</li>
 *   <li>bigram: Witten–Bell, interpolated with that unigram,
 *       p(v | u) = (c(u, v) + T(u)·p(v)) / (c(u) + T(u)), where T(u) is the number of distinct tokens
 *       seen after u; an unseen context u falls back to p(v). It has no parameter to tune.</li>
 * </ul>
 */
public final class NgramBaseline {

    private final int vocabularySize;
    private final long total;
    private final long[] unigramCounts;
    private final long[] contextCounts;
    private final int[] contextTypes;
    private final Map<Long, Long> bigramCounts = new HashMap<>();

    /** Counts the training pairs over a vocabulary of {@code vocabularySize} ids. */
    public NgramBaseline(TokenPairs training, int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary: must hold at least one token, got " + vocabularySize);
        }
        this.vocabularySize = vocabularySize;
        this.total = training.size();
        this.unigramCounts = new long[vocabularySize];
        this.contextCounts = new long[vocabularySize];
        this.contextTypes = new int[vocabularySize];
        for (int i = 0; i < training.size(); i++) {
            int context = checked(training.inputs()[i]);
            int target = checked(training.targets()[i]);
            unigramCounts[target]++;
            contextCounts[context]++;
            if (bigramCounts.merge(key(context, target), 1L, Long::sum) == 1L) {
                contextTypes[context]++;
            }
        }
    }

    /** Add-one unigram probability of {@code token}. */
    public double unigram(int token) {
        return (unigramCounts[checked(token)] + 1.0) / (total + vocabularySize);
    }

    /** Witten–Bell bigram probability of {@code token} after {@code context}. */
    public double bigram(int context, int token) {
        long seen = contextCounts[checked(context)];
        if (seen == 0) {
            return unigram(token);
        }
        int types = contextTypes[context];
        long pair = bigramCounts.getOrDefault(key(context, checked(token)), 0L);
        return (pair + types * unigram(token)) / (seen + types);
    }

    /** exp of the mean −log unigram probability of the held-out targets. */
    public double unigramPerplexity(TokenPairs heldOut) {
        return perplexity(heldOut, false);
    }

    /** exp of the mean −log bigram probability of each held-out target given its input. */
    public double bigramPerplexity(TokenPairs heldOut) {
        return perplexity(heldOut, true);
    }

    private double perplexity(TokenPairs heldOut, boolean bigram) {
        if (heldOut.size() == 0) {
            throw new IllegalArgumentException("held-out: no pairs to score");
        }
        double nll = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            int target = heldOut.targets()[i];
            nll -= Math.log(bigram ? bigram(heldOut.inputs()[i], target) : unigram(target));
        }
        return Math.exp(nll / heldOut.size());
    }

    private int checked(int token) {
        if (token < 0 || token >= vocabularySize) {
            throw new IllegalArgumentException("token: " + token + " is outside the vocabulary [0, " + vocabularySize + ")");
        }
        return token;
    }

    private long key(int context, int token) {
        return (long) context * vocabularySize + token;
    }
}
