package io.rnnkit.models.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.TextCleaning;
import io.rnnkit.models.bundle.ModelVocabulary;
import org.junit.jupiter.api.Test;

class TextCodecTest {

    private static final TextCodec WORDS = TextCodec.of(ModelVocabulary.of(LanguageModels.WORDS));

    @Test
    void charPrefixIsCleanedAsTheCorpusWas() {
        TextCodec codec = TextCodec.of(ModelVocabulary.of(CharVocabulary.build("abc", TextCleaning.LOWERCASE, false)));

        assertThat(codec.encode("CAb")).containsExactly(2, 0, 1);
        assertThat(codec.render(0, 2)).isEqualTo("c");
    }

    @Test
    void charVocabularyWithUnknownMapsUnseenCharacters() {
        TextCodec codec = TextCodec.of(ModelVocabulary.of(CharVocabulary.build("ab", TextCleaning.NONE, true)));

        assertThat(codec.encode("axb")).containsExactly(1, 0, 2);
        assertThat(codec.render(1, 0)).isEqualTo("<unk>");
    }

    @Test
    void wordPrefixReadsLineBreaksAsEndOfSentenceAndUnseenWordsAsUnknown() {
        assertThat(WORDS.encode(" the dog\n  sat ")).containsExactly(0, 4, 3, 2);
        assertThat(WORDS.encode("")).containsExactly(3);
    }

    @Test
    void wordsAreSpacedExceptAtLineStarts() {
        assertThat(WORDS.render(0, 1)).isEqualTo(" cat");
        assertThat(WORDS.render(1, 3)).isEqualTo("\n");
        assertThat(WORDS.render(3, 2)).isEqualTo("sat");
        assertThat(WORDS.render(2, 4)).isEqualTo(" <unk>");
    }
}
