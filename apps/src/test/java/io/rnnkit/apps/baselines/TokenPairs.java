package io.rnnkit.apps.baselines;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The (input token, target token) pairs a language-model iterator serves at its unmasked steps:
 * exactly the predictions a perplexity over that iterator scores.
 *
 * @param inputs  the token shown at each scored step
 * @param targets the token to predict there
 */
public record TokenPairs(int[] inputs, int[] targets) {

    public TokenPairs {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("pairs: " + inputs.length + " inputs but " + targets.length + " targets");
        }
    }

    /** Reads every batch; features and labels may be one-hot [B, V, T] or indices [B, 1, T]. */
    public static TokenPairs of(MultiDataSetIterator data) {
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            int[][] in = tokens(batch.getFeatures(0));
            int[][] out = tokens(batch.getLabels(0));
            INDArray mask = batch.getLabelsMaskArray(0);
            int[] batchInputs = new int[in.length * in[0].length];
            int[] batchTargets = new int[batchInputs.length];
            int n = 0;
            for (int b = 0; b < in.length; b++) {
                for (int t = 0; t < in[b].length; t++) {
                    if (mask == null || mask.getDouble(b, t) != 0) {
                        batchInputs[n] = in[b][t];
                        batchTargets[n++] = out[b][t];
                    }
                }
            }
            inputs.add(java.util.Arrays.copyOf(batchInputs, n));
            targets.add(java.util.Arrays.copyOf(batchTargets, n));
        }
        return new TokenPairs(concat(inputs), concat(targets));
    }

    /** The number of pairs. */
    public int size() {
        return targets.length;
    }

    /** Token ids as [batch][time] from one-hot [B, V, T] or index [B, 1, T] arrays. */
    private static int[][] tokens(INDArray encoded) {
        if (encoded.rank() != 3) {
            throw new IllegalArgumentException("tokens: expected [batch, vocabulary or 1, time], got shape "
                    + java.util.Arrays.toString(encoded.shape()));
        }
        INDArray ids = encoded.size(1) == 1
                ? encoded.reshape(encoded.size(0), encoded.size(2))
                : encoded.argMax(1);
        return ids.castTo(DataType.INT32).toIntMatrix();
    }

    private static int[] concat(List<int[]> chunks) {
        return chunks.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
