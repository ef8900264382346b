package io.rnnkit.datasets.bench;

import java.nio.file.Path;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.text.CharCorpus;
import io.rnnkit.datasets.text.PtbCorpus;
import io.rnnkit.datasets.text.TextCleaning;
import io.rnnkit.datasets.text.TokenBatchShape;
import io.rnnkit.datasets.text.TokenEncoding;

/**
 * Measures batching throughput (not a unit test): one pass over PTB train as [20, 35] index
 * batches, and char one-hot batching of tiny-shakespeare as [32, 65, 35]. Needs RNNKIT_DATA.
 */
public final class BatchingSpeed {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingSpeed.class);

    private BatchingSpeed() {
    }

    public static void main(String[] args) {
        CorpusStore store = CorpusStore.open(DataDirectory.resolve((Path) null));
        PtbCorpus ptb = PtbCorpus.load(store);
        CharCorpus shakespeare = CharCorpus.load(store, Corpus.SHAKESPEARE, TextCleaning.NONE, false);
        for (int round = 0; round < 12; round++) {
            DataSetIterator words = ptb.iterator(PtbCorpus.Split.TRAIN,
                    new TokenBatchShape(20, 35, TokenEncoding.INDEX, TokenEncoding.INDEX));
            double wordRate = tokensPerSecond(words, 20 * 35);
            DataSetIterator chars = shakespeare.sequential(
                    new TokenBatchShape(32, 35, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT), null);
            double charRate = tokensPerSecond(chars, 32 * 35);
            LOG.info("round {}: PTB train [20,35] index batches {} tokens/s; shakespeare one-hot [32,65,35] {} chars/s",
                    round, String.format("%,.0f", wordRate), String.format("%,.0f", charRate));
        }
    }

    private static double tokensPerSecond(DataSetIterator iterator, int tokensPerBatch) {
        long start = System.nanoTime();
        long tokens = 0;
        double checksum = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            checksum += batch.getFeatures().getDouble(0);
            tokens += tokensPerBatch;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.debug("checksum {}", checksum);
        return tokens / seconds;
    }
}
