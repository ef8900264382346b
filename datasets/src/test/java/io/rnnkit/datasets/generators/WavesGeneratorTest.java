package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class WavesGeneratorTest {

    private final WavesGenerator waves = new WavesGenerator(123);

    @Test
    void splitIsSeventyThirtyAndBalanced() {
        DataSet train = waves.trainSet();
        DataSet test = waves.testSet();
        assertThat(train.getFeatures().shape()).containsExactly(1400, 16, 96);
        assertThat(train.getLabels().shape()).containsExactly(1400, 2);
        assertThat(test.getFeatures().shape()).containsExactly(600, 16, 96);
        assertThat(train.getLabels().sum(0).toDoubleVector()).containsExactly(700, 700);
        assertThat(test.getLabels().sum(0).toDoubleVector()).containsExactly(300, 300);
        // shuffled: the first 50 training examples are not all one class
        assertThat(train.getLabels().getColumn(0).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 50))
                .sumNumber().doubleValue()).isBetween(10.0, 40.0);
    }

    @Test
    void validationIsExtraBalancedAndLeavesTrainAndTestAsTheyWere() {
        DataSet validation = waves.validationSet();

        assertThat(validation.getFeatures().shape()).containsExactly(300, 16, 96);
        assertThat(validation.getLabels().sum(0).toDoubleVector()).containsExactly(150, 150);
        // train and test are drawn first, so they hold the values they held before validation existed
        assertThat(waves.testSet().getFeatures().getDouble(0, 0, 0)).isEqualTo(0.5882515907287598);
        assertThat(waves.trainSet().getFeatures().getDouble(5, 3, 7)).isEqualTo(1.2033891677856445);
    }

    @Test
    void cleanWavesFollowTheReferenceFormula() {
        double[] sine = WavesGenerator.cleanWave(0);
        double[] square = WavesGenerator.cleanWave(1);
        assertThat(sine[0]).isEqualTo(0.0);
        assertThat(sine[95]).isCloseTo(Math.sin(10.0 * 95 / 96), within(1e-12));
        assertThat(square[0]).isEqualTo(1.0);
        // sin(t) turns negative after t = π, at step ceil(π·9.6) = 31
        assertThat(square[30]).isEqualTo(1.0);
        assertThat(square[31]).isEqualTo(-1.0);
        assertThat(square[61]).isEqualTo(1.0);
    }

    @Test
    void noiseIsStandardNormalAroundTheCleanWave() {
        DataSet train = waves.trainSet();
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (int i = 0; i < 200; i++) {
            int label = train.getLabels().getDouble(i, 1) == 1.0 ? 1 : 0;
            double[] clean = WavesGenerator.cleanWave(label);
            INDArray example = train.getFeatures().slice(i);
            for (int d = 0; d < 16; d++) {
                for (int t = 0; t < 96; t++) {
                    double noise = example.getDouble(d, t) - clean[t];
                    sum += noise;
                    sumSquares += noise * noise;
                    count++;
                }
            }
        }
        double mean = sum / count;
        double sigma = Math.sqrt(sumSquares / count - mean * mean);
        assertThat(mean).isCloseTo(0.0, within(0.02));
        assertThat(sigma).isCloseTo(1.0, within(0.02));
    }

    @Test
    void sameSeedSameData() {
        assertThat(new WavesGenerator(123).testSet().getFeatures()).isEqualTo(waves.testSet().getFeatures());
        assertThat(new WavesGenerator(124).testSet().getFeatures()).isNotEqualTo(waves.testSet().getFeatures());
        assertThat(waves.trainIterator(16).next().getFeatures().shape()).containsExactly(16, 16, 96);
    }
}
