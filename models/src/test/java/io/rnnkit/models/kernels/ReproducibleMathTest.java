package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.models.VectorApi;
import java.util.SplittableRandom;
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
    void arrayKernelsGiveTheScalarBitsExactly() {
        SplittableRandom random = new SplittableRandom(3);
        // an odd length, so that both the vector loop (of up to 8 doubles) and the scalar tail run, from an offset
        int n = 43;
        double[] x = new double[n + 2];
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-40, 40);
            }
            double[] tanh = new double[n];
            ReproducibleMath.tanh(x, 2, tanh, 0, n);
            double[] sigmoid = x.clone();
            ReproducibleMath.sigmoidInPlace(sigmoid, 2, n + 2);
            for (int i = 0; i < n; i++) {
                assertThat(tanh[i]).isEqualTo(ReproducibleMath.tanh(x[i + 2]));
                assertThat(sigmoid[i + 2]).isEqualTo(ReproducibleMath.sigmoid(x[i + 2]));
            }
            assertThat(sigmoid[0]).isEqualTo(x[0]);
        }
    }

    @Test
    void floatExpKernelMatchesMathExpAndItsScalarsAndSumsInLaneOrder() {
        SplittableRandom random = new SplittableRandom(4);
        // the scalar kernel sums in index order: one "lane"
        int laneCount = VectorApi.present() ? ReproducibleVectorMath.floatLanes() : 1;
        int n = 3 * laneCount + 5;
        float[] x = new float[n];
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextDouble(-80, 80);
            }
            float[] e = x.clone();
            float sum = ReproducibleMath.expShiftedInPlace(e, n, 1.5f);
            float[] lanes = new float[laneCount];
            int vectorEnd = n / laneCount * laneCount;
            for (int i = 0; i < n; i++) {
                float expected = ReproducibleMath.exp(x[i] - 1.5f);
                assertThat(e[i]).isEqualTo(expected);
                assertThat(e[i] / Math.exp(x[i] - 1.5f) - 1).isCloseTo(0.0, within(3e-7));
                if (i < vectorEnd) {
                    lanes[i % lanes.length] += e[i];
                }
            }
            float expectedSum = 0f;
            for (float lane : lanes) {
                expectedSum += lane;
            }
            for (int i = vectorEnd; i < n; i++) {
                expectedSum += e[i];
            }
            assertThat(sum).isEqualTo(expectedSum);
        }
        assertThat(ReproducibleMath.exp(-1000f)).isPositive();
        assertThat(ReproducibleMath.exp(1000f)).isFinite();
    }

    @Test
    void floatTanhAndSigmoidMatchTheJdkWithinFloatPrecision() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (int i = -40000; i <= 40000; i++) {
            float x = i / 2000f;
            worstTanh = Math.max(worstTanh, Math.abs(ReproducibleMath.tanh(x) - Math.tanh(x)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(ReproducibleMath.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        // a float's spacing just below 1 is 6e-8: a few of those at most
        assertThat(worstTanh).isLessThan(2.5e-7);
        assertThat(worstSigmoid).isLessThan(2.5e-7);
        assertThat(ReproducibleMath.tanh(0f)).isZero();
        assertThat(ReproducibleMath.tanh(-30f)).isEqualTo(-1f);
        assertThat(ReproducibleMath.tanh(30f)).isEqualTo(1f);
        assertThat(ReproducibleMath.sigmoid(-200f)).isBetween(0f, 1e-37f);
        assertThat(ReproducibleMath.sigmoid(200f)).isEqualTo(1f);
    }

    @Test
    void floatTanhKeepsRelativePrecisionNearZero() {
        double worst = 0;
        for (int i = 1; i <= 2000; i++) {
            float x = i * 1e-6f;
            worst = Math.max(worst, Math.abs(ReproducibleMath.tanh(x) / Math.tanh(x) - 1));
            assertThat(ReproducibleMath.tanh(-x)).isEqualTo(-ReproducibleMath.tanh(x));
        }
        assertThat(worst).isLessThan(3e-7);
    }

    @Test
    void floatArrayKernelsGiveTheScalarBitsExactly() {
        SplittableRandom random = new SplittableRandom(5);
        // an odd length, so that both the vector loop (of up to 16 floats) and the scalar tail run, from an offset
        int n = 43;
        float[] x = new float[n + 2];
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-20, 20);
            }
            float[] tanh = new float[n];
            ReproducibleMath.tanh(x, 2, tanh, 0, n);
            float[] sigmoid = x.clone();
            ReproducibleMath.sigmoidInPlace(sigmoid, 2, n + 2);
            for (int i = 0; i < n; i++) {
                assertThat(tanh[i]).isEqualTo(ReproducibleMath.tanh(x[i + 2]));
                assertThat(sigmoid[i + 2]).isEqualTo(ReproducibleMath.sigmoid(x[i + 2]));
            }
            assertThat(sigmoid[0]).isEqualTo(x[0]);
        }
    }
}
