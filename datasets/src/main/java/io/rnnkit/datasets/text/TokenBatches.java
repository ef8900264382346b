package io.rnnkit.datasets.text;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Writes windows of a token stream into feature and next-token label arrays. */
final class TokenBatches {

    private TokenBatches() {
    }

    /**
     * A batch whose row {@code b} holds {@code tokens[starts[b] .. starts[b]+T)} as features and the
     * same window shifted by one as labels.
     */
    static DataSet window(int[] tokens, int[] starts, int vocabSize, TokenBatchShape shape) {
        return window(tokens, starts, shape.steps(), vocabSize, shape);
    }

    /** The same with windows of {@code steps} steps instead of the shape's. */
    static DataSet window(int[] tokens, int[] starts, int steps, int vocabSize, TokenBatchShape shape) {
        INDArray features = encode(tokens, starts, 0, vocabSize, steps, shape.features());
        INDArray labels = encode(tokens, starts, 1, vocabSize, steps, shape.labels());
        return new DataSet(features, labels);
    }

    private static INDArray encode(int[] tokens, int[] starts, int shift, int vocabSize, int steps, TokenEncoding encoding) {
        int rows = starts.length;
        if (encoding == TokenEncoding.INDEX) {
            float[] data = new float[rows * steps];
            for (int b = 0; b < rows; b++) {
                int from = starts[b] + shift;
                for (int t = 0; t < steps; t++) {
                    data[b * steps + t] = tokens[from + t];
                }
            }
            return Nd4j.create(data, new long[] {rows, 1, steps}, 'c');
        }
        // Zeroed off-heap array, then only the ones are written: no large heap array to fill and copy.
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, rows, vocabSize, steps);
        FloatBuffer data = oneHot.data().asNioFloat();
        for (int b = 0; b < rows; b++) {
            int from = starts[b] + shift;
            int rowBase = b * vocabSize * steps;
            for (int t = 0; t < steps; t++) {
                data.put(rowBase + tokens[from + t] * steps + t, 1f);
            }
        }
        return oneHot;
    }
}
