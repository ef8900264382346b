package io.rnnkit.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.junit.jupiter.api.Test;

class ModelVocabularyTest {

    @Test
    void charVocabularyRoundTripsThroughKindAndText() {
        ModelVocabulary chars = ModelVocabulary.of(TinyModels.CHARS);

        ModelVocabulary parsed = ModelVocabulary.fromText(chars.kind(), chars.toText());

        assertThat(chars.kind()).isEqualTo("char");
        assertThat(chars.size()).isEqualTo(4);
        assertThat(parsed).isEqualTo(chars).isInstanceOf(ModelVocabulary.Chars.class);
    }

    @Test
    void wordVocabularyRoundTripsThroughKindAndText() {
        ModelVocabulary words = ModelVocabulary.of(TinyModels.WORDS);

        ModelVocabulary parsed = ModelVocabulary.fromText(words.kind(), words.toText());

        assertThat(words.kind()).isEqualTo("word");
        assertThat(words.size()).isEqualTo(4);
        assertThat(parsed).isEqualTo(words).isInstanceOf(ModelVocabulary.Words.class);
    }

    @Test
    void unknownKindIsNamed() {
        assertThatThrownBy(() -> ModelVocabulary.fromText("byte", "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("vocabulary: unknown kind 'byte' (expected char or word)");
    }

    @Test
    void textOfTheOtherKindIsRejected() {
        assertThatThrownBy(() -> ModelVocabulary.fromText("word", TinyModels.CHARS.toText()))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("vocabulary: not an rnnkit word vocabulary");
    }
}
