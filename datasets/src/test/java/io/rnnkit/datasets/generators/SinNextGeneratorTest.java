package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SinNextGeneratorTest {

    @Test
    void trainWindowsPredictTheSixthValue() {
        DataSet train = new SinNextGenerator().trainSet();
        assertThat(train.getFeatures().shape()).containsExactly(9_995, 1, 5);
        assertThat(train.getLabels().shape()).containsExactly(9_995, 1);
        assertThat(train.getFeatures().getDouble(0, 0, 4)).isCloseTo(Math.sin(0.04), within(1e-7));
        assertThat(train.getLabels().getDouble(0, 0)).isCloseTo(Math.sin(0.05), within(1e-7));
        assertThat(train.getLabels().getDouble(9_994, 0)).isCloseTo(Math.sin(99.99), within(1e-6));
        // the label of window i is the last input of window i+1
        assertThat(train.getFeatures().getDouble(1, 0, 4)).isEqualTo(train.getLabels().getDouble(0, 0));
    }

    @Test
    void validationFollowsTrainAndTestFollowsValidation() {
        DataSet validation = new SinNextGenerator().validationSet();
        DataSet test = new SinNextGenerator().testSet();
        assertThat(validation.getFeatures().shape()).containsExactly(995, 1, 5);
        assertThat(validation.getFeatures().getDouble(0, 0, 0)).isCloseTo(Math.sin(100.0), within(1e-6));
        assertThat(validation.getLabels().getDouble(994, 0)).isCloseTo(Math.sin(109.99), within(1e-6));
        assertThat(test.getFeatures().shape()).containsExactly(995, 1, 5);
        assertThat(test.getFeatures().getDouble(0, 0, 0)).isCloseTo(Math.sin(110.0), within(1e-6));
        assertThat(test.getLabels().getDouble(994, 0)).isCloseTo(Math.sin(119.99), within(1e-6));
    }
}
