package io.rnnkit.models.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class InputEncodingTest {

    @Test
    void detectsOneHotAndEmbeddingInputs() {
        assertThat(InputEncoding.of(LanguageModels.oneHotLstm(3, 1, Activation.SOFTMAX), 3))
                .isEqualTo(InputEncoding.ONE_HOT);
        assertThat(InputEncoding.of(LanguageModels.embeddingLstm(5, 1), 5)).isEqualTo(InputEncoding.INDEX);
    }

    @Test
    void inputWidthMustMatchTheVocabulary() {
        assertThatThrownBy(() -> InputEncoding.of(LanguageModels.embeddingLstm(5, 1), 4))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--model: the first layer takes 5 symbols but the vocabulary has 4");
    }

    @Test
    void oneHotPutsAOnePerStep() {
        INDArray input = InputEncoding.ONE_HOT.encode(new int[] {2, 0}, 3, DataType.DOUBLE);

        assertThat(input.shape()).containsExactly(1, 3, 2);
        assertThat(input.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(input.ravel().toDoubleVector()).containsExactly(0, 1, 0, 0, 1, 0);
    }

    @Test
    void indexHoldsTheIds() {
        INDArray input = InputEncoding.INDEX.encode(new int[] {4, 1, 3}, 5, DataType.FLOAT);

        assertThat(input.shape()).containsExactly(1, 1, 3);
        assertThat(input.ravel().toDoubleVector()).containsExactly(4, 1, 3);
    }
}
