package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;

class CharVocabularyTest {

    @TempDir
    Path temp;

    @Test
    void idsAreUnknownFirstThenByFrequencyThenCodePoint() {
        CharVocabulary vocabulary = CharVocabulary.build("abracadabra", TextCleaning.NONE, true);
        assertThat(vocabulary.size()).isEqualTo(6);
        assertThat(vocabulary.codePointAt(0)).isEqualTo(CharVocabulary.UNKNOWN);
        assertThat(vocabulary.decode(new int[] {1, 2, 3, 4, 5})).isEqualTo("abrcd");
        assertThat(vocabulary.encode("abz")).containsExactly(1, 2, 0);
        assertThat(vocabulary.decode(vocabulary.encode("abz"))).isEqualTo("ab\uFFFD");
    }

    @Test
    void codePointsOutsideTheBasicPlaneAreSingleSymbols() {
        String text = "时间旅行者🚀时间🚀";
        CharVocabulary vocabulary = CharVocabulary.build(text, TextCleaning.NONE, false);
        assertThat(vocabulary.size()).isEqualTo(6);
        int[] ids = vocabulary.encode(text);
        assertThat(ids).hasSize(9);
        assertThat(vocabulary.codePointAt(ids[5])).isEqualTo(0x1F680);
        assertThat(vocabulary.decode(ids)).isEqualTo(text);
    }

    @Test
    void unseenSymbolWithoutUnknownIsAClearError() {
        CharVocabulary vocabulary = CharVocabulary.build("ab", TextCleaning.NONE, false);
        assertThatThrownBy(() -> vocabulary.encode("a😀"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("text: character '😀' (U+1F600) is not in the vocabulary; use only characters from the training corpus");
    }

    @Test
    void roundTripsThroughTextAndFile() throws Exception {
        CharVocabulary vocabulary = CharVocabulary.build(TextCleaning.LOWERCASE.apply("Hello, 世界 🚀!"), TextCleaning.LOWERCASE, true);
        CharVocabulary parsed = CharVocabulary.fromText(vocabulary.toText());
        assertThat(parsed).isEqualTo(vocabulary);
        assertThat(parsed.cleaning()).isEqualTo(TextCleaning.LOWERCASE);
        assertThat(parsed.encode("HELLO 🚀")).containsExactly(vocabulary.encode("hello 🚀"));
        assertThat(vocabulary.toText()).startsWith("rnnkit-char-vocabulary 1\ncleaning LOWERCASE\nsymbols <unk> U+0020 U+006C U+0021 U+002C");

        Path file = temp.resolve("vocab.txt");
        vocabulary.save(file);
        assertThat(CharVocabulary.load(file)).isEqualTo(vocabulary);
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> CharVocabulary.fromText("hello"))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("vocabulary: not an rnnkit character vocabulary");
        assertThatThrownBy(() -> CharVocabulary.fromText("rnnkit-char-vocabulary 1\ncleaning NONE\nsymbols U+00ZZ"))
                .isInstanceOf(UserInputException.class).hasMessage("vocabulary: bad symbol 'U+00ZZ' (expected U+XXXX or <unk>)");
        assertThatThrownBy(() -> CharVocabulary.fromText("rnnkit-char-vocabulary 1\ncleaning FANCY\nsymbols U+0041"))
                .isInstanceOf(UserInputException.class).hasMessage("vocabulary: unknown cleaning 'FANCY'");
    }
}
