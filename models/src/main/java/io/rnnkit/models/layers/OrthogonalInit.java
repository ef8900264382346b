package io.rnnkit.models.layers;

import io.rnnkit.core.UserInputException;
import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal weight initialisation as Keras's {@code Orthogonal} (Saxe et al., 2014), its default for
 * recurrent kernels: a [rows, cols] matrix with orthonormal rows (rows ≤ cols) or columns (rows > cols),
 * from the QR decomposition of a standard normal matrix drawn from ND4J's seeded generator, with R's
 * diagonal made positive. For the fused layers' {@code RW} [H, G·H] the H rows are orthonormal across all
 * gates, as Keras makes its recurrent kernel. Use it with {@code weightInitRecurrent(new OrthogonalInit())}.
 */
public final class OrthogonalInit implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new UserInputException("orthogonal weight init needs a 2-d weight, got shape " + Arrays.toString(shape));
        }
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        double[][] q = orthonormalColumns(tall, narrow, Nd4j.getRandom());
        double[][] w = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w[i][j] = rows >= cols ? q[j][i] : q[i][j];
            }
        }
        paramView.assign(Nd4j.create(w).castTo(paramView.dataType()));
        return paramView.reshape(order, shape);
    }

    /**
     * {@code n} orthonormal vectors of length {@code m} (q[k] is column k of Q): modified Gram-Schmidt,
     * twice per column for accuracy, over Gaussian columns; equivalent to QR with a positive R diagonal.
     */
    private static double[][] orthonormalColumns(int m, int n, Random random) {
        double[][] q = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                q[k][i] = random.nextGaussian();
            }
        }
        for (int k = 0; k < n; k++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < k; p++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += q[p][i] * q[k][i];
                    }
                    for (int i = 0; i < m; i++) {
                        q[k][i] -= dot * q[p][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += q[k][i] * q[k][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[k][i] /= norm;
            }
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrthogonalInit;
    }

    @Override
    public int hashCode() {
        return OrthogonalInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "OrthogonalInit";
    }
}
