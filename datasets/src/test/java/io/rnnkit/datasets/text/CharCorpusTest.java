package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.SharedData;
import io.rnnkit.datasets.VerificationCache;

class CharCorpusTest {

    @TempDir
    Path temp;

    @Test
    void timeMachineWithD2lCleaningHas170580CharsAnd28Symbols() {
        CharCorpus corpus = CharCorpus.load(realStore(), Corpus.TIMEMACHINE, TextCleaning.LETTERS_AND_SPACES, true);
        assertThat(corpus.length()).isEqualTo(170_580);
        assertThat(corpus.vocabulary().size()).isEqualTo(28);
        assertThat(corpus.vocabulary().decode(corpus.tokens().copyRange(0, 29))).isEqualTo("the time machine by h g wells");
        // d2l's two most frequent symbols after <unk>: space, then 'e'.
        assertThat(corpus.vocabulary().codePointAt(1)).isEqualTo(' ');
        assertThat(corpus.vocabulary().codePointAt(2)).isEqualTo('e');
    }

    @Test
    void tinyShakespeareHas65DistinctCharacters() {
        CharCorpus corpus = CharCorpus.load(realStore(), Corpus.SHAKESPEARE, TextCleaning.NONE, false);
        assertThat(corpus.length()).isEqualTo(1_115_394);
        assertThat(corpus.vocabulary().size()).isEqualTo(65);
    }

    @Test
    void userFileInChineseAndEmojiWorks() throws Exception {
        Path file = temp.resolve("poem.txt");
        Files.writeString(file, "床前明月光，疑是地上霜。🌙\n举头望明月，低头思故乡。🌙\n", StandardCharsets.UTF_8);
        CharCorpus corpus = CharCorpus.load(file, TextCleaning.NONE, true);
        assertThat(corpus.length()).isEqualTo(28);
        assertThat(corpus.vocabulary().size()).isEqualTo(1 + 21);
        assertThat(corpus.vocabulary().decode(corpus.tokens().copyRange(0, corpus.length()))).isEqualTo(Files.readString(file));
        assertThat(corpus.vocabulary().codePointAt(corpus.tokens().get(12))).isEqualTo(0x1F319);
    }

    @Test
    void userFileProblemsAreOneLineErrors() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.txt"));
        assertThatThrownBy(() -> CharCorpus.load(empty, TextCleaning.NONE, true))
                .isInstanceOf(UserInputException.class).hasMessage(empty + ": file is empty; check the --corpus path");
        Path digits = Files.writeString(temp.resolve("digits.txt"), "1234 5678");
        assertThatThrownBy(() -> CharCorpus.load(digits, TextCleaning.LETTERS_AND_SPACES, true))
                .isInstanceOf(UserInputException.class).hasMessage("corpus: no characters left after LETTERS_AND_SPACES cleaning");
    }

    @Test
    void missingRealCorpusNamesTheFetchCommand() {
        CorpusStore store = new CorpusStore(DataDirectory.of(temp.resolve("data")), new VerificationCache(temp.resolve("c")));
        assertThatThrownBy(() -> CharCorpus.load(store, Corpus.SHAKESPEARE, TextCleaning.NONE, false))
                .isInstanceOf(UserInputException.class).hasMessageContaining("run ./rnnkit data fetch shakespeare");
        assertThatThrownBy(() -> CharCorpus.load(store, Corpus.PTB, TextCleaning.NONE, false))
                .isInstanceOf(UserInputException.class).hasMessage("corpus: ptb is not a character corpus; use timemachine or shakespeare");
    }

    @Test
    void encodesNewTextWithASavedVocabulary() {
        CharCorpus corpus = CharCorpus.fromText("Hello World", TextCleaning.LOWERCASE, true);
        CharCorpus other = CharCorpus.fromText("HOLD!", corpus.vocabulary());
        assertThat(corpus.vocabulary().decode(other.tokens().copyRange(0, other.length()))).isEqualTo("hold\uFFFD");
    }

    private CorpusStore realStore() {
        return new CorpusStore(DataDirectory.of(SharedData.requireDataDirectory()), new VerificationCache(temp.resolve("cache")));
    }
}
