package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;

class WordVocabularyTest {

    @TempDir
    Path temp;

    @Test
    void sortsByCountThenAlphabeticallyAndAddsUnknown() {
        WordVocabulary vocabulary = WordVocabulary.fromCounts(Map.of("the", 5, "cat", 2, "bat", 2, "<eos>", 3));
        assertThat(vocabulary.size()).isEqualTo(5);
        assertThat(vocabulary.wordAt(0)).isEqualTo("the");
        assertThat(vocabulary.wordAt(1)).isEqualTo("<eos>");
        assertThat(vocabulary.wordAt(2)).isEqualTo("bat");
        assertThat(vocabulary.wordAt(3)).isEqualTo("cat");
        assertThat(vocabulary.wordAt(4)).isEqualTo("<unk>");
        assertThat(vocabulary.indexOf("dog")).isEqualTo(4);
    }

    @Test
    void roundTripsThroughTextAndFile() throws Exception {
        WordVocabulary vocabulary = WordVocabulary.fromCounts(Map.of("naïve", 3, "东京", 2, "<unk>", 1));
        assertThat(WordVocabulary.fromText(vocabulary.toText())).isEqualTo(vocabulary);
        Path file = temp.resolve("words.txt");
        vocabulary.save(file);
        WordVocabulary loaded = WordVocabulary.load(file);
        assertThat(loaded).isEqualTo(vocabulary);
        assertThat(loaded.indexOf("东京")).isEqualTo(1);
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> WordVocabulary.fromText("rnnkit-word-vocabulary 1\na\na\n<unk>\n"))
                .isInstanceOf(UserInputException.class).hasMessage("vocabulary: word 'a' appears twice");
        assertThatThrownBy(() -> WordVocabulary.fromText("rnnkit-word-vocabulary 1\na b\n"))
                .isInstanceOf(UserInputException.class).hasMessage("vocabulary: line 2 is not a single word: 'a b'");
        assertThatThrownBy(() -> WordVocabulary.fromText("rnnkit-word-vocabulary 1\na\n"))
                .isInstanceOf(UserInputException.class).hasMessage("vocabulary: has no <unk> entry");
    }
}
