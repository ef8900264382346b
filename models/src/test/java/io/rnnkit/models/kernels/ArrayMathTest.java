package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayMathTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 64, 70})
    void addsARunIntoAnotherAtTheirOffsetsOnly(int n) {
        float[] src = new float[n + 3];
        float[] dst = new float[n + 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = 0.5f * i;
        }
        java.util.Arrays.fill(dst, 1f);
        ArrayMath.add(src, 3, dst, 2, n);
        for (int i = 0; i < dst.length; i++) {
            float expected = i >= 2 && i < 2 + n ? 1f + 0.5f * (i + 1) : 1f;
            assertThat(dst[i]).as("dst[%d]", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 33})
    void addsFloatsIntoDoublesWidenedExactly(int n) {
        float[] src = new float[n + 3];
        double[] dst = new double[n + 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) (Math.PI * i / 3.0); // floats whose double sums keep bits a float sum would lose
        }
        java.util.Arrays.fill(dst, 0.1);
        ArrayMath.addWidened(src, 3, dst, 2, n);
        for (int i = 0; i < dst.length; i++) {
            double expected = i >= 2 && i < 2 + n ? 0.1 + (double) src[i + 1] : 0.1;
            assertThat(dst[i]).as("dst[%d]", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 33})
    void addsADoubleRunIntoAnotherWithTheScalarSumsBits(int n) {
        double[] src = new double[n + 3];
        double[] dst = new double[n + 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = Math.PI * i / 3.0; // sums that round
        }
        java.util.Arrays.fill(dst, 0.1);
        ArrayMath.add(src, 3, dst, 2, n);
        for (int i = 0; i < dst.length; i++) {
            double expected = i >= 2 && i < 2 + n ? 0.1 + Math.PI * (i + 1) / 3.0 : 0.1;
            assertThat(dst[i]).as("dst[%d]", i).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 33})
    void convertsWithTheCastsBits(int n) {
        double[] doubles = new double[n + 2];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = Math.PI * (i - 4) / 7.0 + 1e-9 * i; // not representable as floats: rounding matters
        }
        float[] floats = new float[n + 1];
        ArrayMath.toFloats(doubles, 2, floats, 1, n);
        assertThat(floats[0]).isZero();
        for (int i = 0; i < n; i++) {
            assertThat(floats[1 + i]).isEqualTo((float) doubles[2 + i]);
        }
        double[] back = new double[n + 1];
        ArrayMath.toDoubles(floats, 1, back, 1, n);
        assertThat(back[0]).isZero();
        for (int i = 0; i < n; i++) {
            assertThat(back[1 + i]).isEqualTo((double) floats[1 + i]);
        }
    }
}
