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
     * A batch whose row {@code b} holds tokens {@code [starts[b], starts[b]+T)} as features and the
     * same window shifted by one as labels.
     */
    static DataSet window(TokenSequence tokens, int[] starts, int vocabSize, TokenBatchShape shape) {
        INDArray features = encode(tokens, starts, 0, vocabSize, shape.steps(), shape.features());
        INDArray labels = encode(tokens, starts, 1, vocabSize, shape.steps(), shape.labels());
        return new DataSet(features, labels);
    }

    private static INDArray encode(TokenSequence tokens, int[] starts, int shift, int vocabSize, int steps, TokenEncoding encoding) {
        int rows = starts.length;
        if (encoding == TokenEncoding.INDEX) {
            float[] data = new float[rows * steps];
            for (int b = 0; b < rows; b++) {
                int from = starts[b] + shift;
                for (int t = 0; t < steps; t++) {
                    data[b * steps + t] = tokens.get(from + t);
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
                data.put(rowBase + tokens.get(from + t) * steps + t, 1f);
            }
        }
        return oneHot;
    }
}
