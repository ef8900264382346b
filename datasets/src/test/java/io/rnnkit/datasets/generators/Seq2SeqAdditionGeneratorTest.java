package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import io.rnnkit.core.UserInputException;

class Seq2SeqAdditionGeneratorTest {

    private final Seq2SeqAdditionGenerator generator = new Seq2SeqAdditionGenerator(3, 500, 100, 50);

    @Test
    void encodesQuestionTeacherForcedInputAndAnswer() {
        MultiDataSet train = generator.trainSet();
        assertThat(train.getFeatures(0).shape()).containsExactly(500, 13, 7);
        assertThat(train.getFeatures(1).shape()).containsExactly(500, 13, 4);
        assertThat(train.getLabels(0).shape()).containsExactly(500, 13, 4);
        assertThat(train.getFeaturesMaskArray(0).shape()).containsExactly(500, 7);
        int[] pairs = generator.trainPairs();
        for (int i = 0; i < 500; i += 11) {
            int a = pairs[i] / 1000;
            int b = pairs[i] % 1000;
            String question = Seq2SeqAdditionGenerator.decode(train.getFeatures(0).slice(i));
            String decoderIn = Seq2SeqAdditionGenerator.decode(train.getFeatures(1).slice(i));
            String answer = Seq2SeqAdditionGenerator.decode(train.getLabels(0).slice(i));
            assertThat(question.strip()).isEqualTo(a + "+" + b);
            assertThat(Integer.parseInt(answer.strip())).isEqualTo(a + b);
            assertThat(decoderIn).isEqualTo("=" + answer.substring(0, 3));
            assertThat(train.getFeaturesMaskArray(0).slice(i).sumNumber().intValue()).isEqualTo(question.strip().length());
        }
    }

    @Test
    void knownExample() {
        assertThat(Seq2SeqAdditionGenerator.question(535, 61)).isEqualTo("535+61");
        assertThat(Seq2SeqAdditionGenerator.answer(535, 61)).isEqualTo("596 ");
        assertThat(Seq2SeqAdditionGenerator.decode(Seq2SeqAdditionGenerator.encodeQuestion("535+61").slice(0))).isEqualTo("535+61 ");
        assertThat(Seq2SeqAdditionGenerator.questionMask("535+61").toFloatVector()).containsExactly(1, 1, 1, 1, 1, 1, 0);
        assertThatThrownBy(() -> Seq2SeqAdditionGenerator.encodeQuestion("1234+5"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("question: '1234+5' is not of the form a+b with 1-3 digit terms, such as 535+61");
    }

    @Test
    void trainTestAndValidationPairsAreDisjointAndBatchesCoverEverything() {
        Set<Integer> all = new HashSet<>();
        for (int[] split : new int[][] {generator.trainPairs(), generator.testPairs(), generator.validationPairs()}) {
            for (int pair : split) {
                all.add(pair);
            }
        }
        assertThat(all).hasSize(500 + 100 + 50);
        assertThat(generator.validationSet().getFeatures(0).shape()).containsExactly(50, 13, 7);
        ArrayMultiDataSetIterator iterator = generator.testIterator(32);
        int examples = 0;
        while (iterator.hasNext()) {
            MultiDataSet batch = iterator.next();
            assertThat(batch.getFeaturesMaskArray(1)).isNull();
            examples += (int) batch.getFeatures(0).size(0);
        }
        assertThat(examples).isEqualTo(100);
        iterator.reset();
        assertThat(iterator.next().getFeatures(0).size(0)).isEqualTo(32);
    }

    @Test
    void trainingAndTestPairsDoNotDependOnTheValidationSize() {
        Seq2SeqAdditionGenerator moreValidation = new Seq2SeqAdditionGenerator(3, 500, 100, 400);

        assertThat(moreValidation.trainPairs()).containsExactly(generator.trainPairs());
        assertThat(moreValidation.testPairs()).containsExactly(generator.testPairs());
        assertThatThrownBy(() -> new Seq2SeqAdditionGenerator(3, 500, 100, 0))
                .isInstanceOf(UserInputException.class)
                .hasMessage("sizes: train, test and validation must be at least 1 and together at most 500000, got 500, 100 and 0");
    }
}
