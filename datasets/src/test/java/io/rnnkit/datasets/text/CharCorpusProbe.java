package io.rnnkit.datasets.text;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CharCorpusTest}: loads a text file as char-lm does, serves two training
 * batches from its first 90% and every batch of the next 5%, and prints what it saw and its heap's peak.
 */
public final class CharCorpusProbe {

    private CharCorpusProbe() {
    }

    public static void main(String[] args) {
        CharCorpus corpus = CharCorpus.load(Path.of(args[0]), TextCleaning.NONE, false);
        TokenSequence tokens = corpus.tokens();
        int trainEnd = (int) Math.round(tokens.length() * 0.9);
        int validationEnd = (int) Math.round(tokens.length() * 0.95);
        int vocabulary = corpus.vocabulary().size();
        SequentialTokenIterator train = new SequentialTokenIterator(tokens.slice(0, trainEnd), vocabulary,
                new TokenBatchShape(32, 35, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT), 42L);
        double ones = train.next().getFeatures().sumNumber().doubleValue() + train.next().getFeatures().sumNumber().doubleValue();
        SequentialTokenIterator validation = new SequentialTokenIterator(tokens.slice(trainEnd, validationEnd), vocabulary,
                new TokenBatchShape(8, 35, TokenEncoding.INDEX, TokenEncoding.INDEX), null);
        int batches = 0;
        while (validation.hasNext()) {
            validation.next();
            batches++;
        }
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("characters " + tokens.length() + " vocabulary " + vocabulary + " training-ones " + (long) ones
                + " validation-batches " + batches + " heap-peak-mb " + (heapPeak >> 20));
    }
}
