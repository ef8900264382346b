package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.SharedData;
import io.rnnkit.datasets.VerificationCache;
import io.rnnkit.datasets.text.PtbCorpus.Split;

class PtbCorpusTest {

    @TempDir
    Path temp;

    @Test
    void realPtbHasTheReferenceCountsAndA10kVocabulary() {
        CorpusStore store = new CorpusStore(DataDirectory.of(SharedData.requireDataDirectory()),
                new VerificationCache(temp.resolve("cache")));
        PtbCorpus ptb = PtbCorpus.load(store);

        assertThat(ptb.vocabulary().size()).isEqualTo(10_000);
        assertThat(ptb.vocabulary().contains("<unk>")).isTrue();
        assertThat(ptb.vocabulary().contains("<eos>")).isTrue();
        assertThat(ptb.wordCount(Split.TRAIN)).isEqualTo(887_521);
        assertThat(ptb.tokens(Split.TRAIN)).hasSize(929_589);
        assertThat(ptb.wordCount(Split.VALID)).isEqualTo(70_390);
        assertThat(ptb.tokens(Split.VALID)).hasSize(73_760);
        assertThat(ptb.wordCount(Split.TEST)).isEqualTo(78_669);
        assertThat(ptb.tokens(Split.TEST)).hasSize(82_430);
        assertThat(ptb.lineCount(Split.TRAIN)).isEqualTo(42_068);
        // reference order: "the" is the most frequent word, then <unk>, then <eos>
        assertThat(ptb.vocabulary().wordAt(0)).isEqualTo("the");
        assertThat(ptb.vocabulary().wordAt(1)).isEqualTo("<unk>");
        assertThat(ptb.vocabulary().wordAt(2)).isEqualTo("<eos>");

        SequentialTokenIterator iterator = ptb.iterator(Split.TRAIN,
                new TokenBatchShape(20, 35, TokenEncoding.INDEX, TokenEncoding.INDEX));
        assertThat(iterator.batchesPerEpoch()).isEqualTo((929_589 / 20 - 1) / 35);
        DataSet first = iterator.next();
        assertThat(first.getFeatures().shape()).containsExactly(20, 1, 35);
        assertThat(ptb.vocabulary().wordAt(first.getFeatures().getInt(0, 0, 0))).isEqualTo("aer");
    }

    @Test
    void userFilesUseTheTrainVocabularyWithUnknownForNewWords() throws Exception {
        Path train = Files.writeString(temp.resolve("train.txt"), " a b a\n c a\n");
        Path valid = Files.writeString(temp.resolve("valid.txt"), " a z\n");
        Path test = Files.writeString(temp.resolve("test.txt"), " b\n\n");
        PtbCorpus corpus = PtbCorpus.load(train, valid, test);
        WordVocabulary vocabulary = corpus.vocabulary();
        assertThat(vocabulary.size()).isEqualTo(5);
        assertThat(corpus.tokens(Split.TRAIN)).containsExactly(0, 2, 0, 1, 3, 0, 1);
        assertThat(corpus.tokens(Split.VALID)).containsExactly(0, 4, 1);
        assertThat(corpus.wordCount(Split.VALID)).isEqualTo(2);
        assertThat(corpus.tokens(Split.TEST)).containsExactly(2, 1, 1);
    }

    @Test
    void nonUtf8UserFileIsNamed() throws Exception {
        Path train = Files.write(temp.resolve("train.txt"), new byte[] {'a', ' ', (byte) 0xff, '\n'});
        Path valid = Files.writeString(temp.resolve("valid.txt"), "a\n");
        assertThatThrownBy(() -> PtbCorpus.load(train, valid, valid))
                .isInstanceOf(UserInputException.class)
                .hasMessage(train + ": not valid UTF-8 text (bad byte 0xff at offset 2); convert it to UTF-8 (for example with iconv)");
    }
}
