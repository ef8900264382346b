package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class ReproducibleMathTest {

    private static final int SAMPLES = 20_000;

    @Test
    void doubleExpIsWithinAFewUlpOfMathExp() {
        SplittableRandom random = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = random.nextDouble(-700, 700);
            worst = Math.max(worst, Math.abs(ReproducibleMath.exp(x) / Math.exp(x) - 1));
        }
        assertThat(worst).isLessThan(5e-16);
        assertThat(ReproducibleMath.exp(0.0)).isEqualTo(1.0);
        assertThat(ReproducibleMath.exp(1.0)).isCloseTo(Math.E, within(1e-15));
    }

    @Test
    void doubleExpClampsInsteadOfOverflowing() {
        assertThat(ReproducibleMath.exp(1e6)).isFinite().isCloseTo(Math.exp(709.0), within(Math.exp(709.0) * 1e-15));
        assertThat(ReproducibleMath.exp(-1e6)).isPositive().isLessThan(1e-307);
    }

    @Test
    void tanhAndSigmoidMatchTheJdkInAbsoluteTerms() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < SAMPLES; i++) {
            double x = random.nextDouble(-30, 30);
            assertThat(ReproducibleMath.tanh(x)).isCloseTo(Math.tanh(x), within(3e-16));
            assertThat(ReproducibleMath.sigmoid(x)).isCloseTo(1 / (1 + Math.exp(-x)), within(3e-16));
        }
        assertThat(ReproducibleMath.tanh(0.0)).isZero();
        assertThat(ReproducibleMath.tanh(-50.0)).isEqualTo(-1.0);
        assertThat(ReproducibleMath.sigmoid(-1e4)).isCloseTo(0.0, within(1e-300));
    }

    @Test
    void tanhKeepsRelativePrecisionNearZero() {
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = Math.pow(10, random.nextDouble(-12, 1));
            worst = Math.max(worst, Math.abs(ReproducibleMath.tanh(x) / Math.tanh(x) - 1));
            assertThat(ReproducibleMath.expm1(-x) / Math.expm1(-x) - 1).isCloseTo(0.0, within(5e-16));
        }
        assertThat(worst).isLessThan(1e-15);
    }

    @Test
    void vectorLanesGiveTheScalarBitsExactly() {
        SplittableRandom random = new SplittableRandom(3);
        int lanes = ReproducibleMath.DOUBLES.length();
        double[] x = new double[lanes];
        double[] out = new double[lanes];
        for (int round = 0; round < 2_000; round++) {
            for (int i = 0; i < lanes; i++) {
                x[i] = random.nextDouble(-40, 40);
            }
            DoubleVector v = DoubleVector.fromArray(ReproducibleMath.DOUBLES, x, 0);
            ReproducibleMath.tanh(v).intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                assertThat(out[i]).isEqualTo(ReproducibleMath.tanh(x[i]));
            }
            ReproducibleMath.expm1(v).intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                assertThat(out[i]).isEqualTo(ReproducibleMath.expm1(x[i]));
            }
            ReproducibleMath.sigmoid(v).intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                assertThat(out[i]).isEqualTo(ReproducibleMath.sigmoid(x[i]));
            }
        }
    }

    @Test
    void floatExpMatchesMathExpToFloatPrecisionAndItsLanes() {
        SplittableRandom random = new SplittableRandom(4);
        int lanes = ReproducibleMath.FLOATS.length();
        float[] x = new float[lanes];
        float[] out = new float[lanes];
        for (int round = 0; round < 2_000; round++) {
            for (int i = 0; i < lanes; i++) {
                x[i] = (float) random.nextDouble(-80, 80);
            }
            ReproducibleMath.exp(FloatVector.fromArray(ReproducibleMath.FLOATS, x, 0)).intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                assertThat(out[i]).isEqualTo(ReproducibleMath.exp(x[i]));
                assertThat(out[i] / Math.exp(x[i]) - 1).isCloseTo(0.0, within(3e-7));
            }
        }
        assertThat(ReproducibleMath.exp(-1000f)).isPositive();
        assertThat(ReproducibleMath.exp(1000f)).isFinite();
    }

    @Test
    void lanesAreSummedInLaneOrder() {
        float[] values = new float[ReproducibleMath.FLOATS.length()];
        values[0] = 1e8f;
        values[1] = 1f;
        values[2] = -1e8f;
        float expected = 0f;
        for (float v : values) {
            expected += v;
        }
        assertThat(ReproducibleMath.sumInOrder(FloatVector.fromArray(ReproducibleMath.FLOATS, values, 0)))
                .isEqualTo(expected);
    }
}
