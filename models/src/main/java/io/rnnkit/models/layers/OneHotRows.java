package io.rnnkit.models.layers;

/** Recognises a one-hot matrix: every row holds a single 1 among zeros, or zeros only (a padded step). */
final class OneHotRows {

    private OneHotRows() {
    }

    /**
     * Whether the row-major [rows, cols] matrix is one-hot, and if so each row's column of 1 (−1 for an
     * all-zero row) in {@code hotColumns}. Stops at the first value other than 0 and 1, so a dense input
     * costs a few reads.
     *
     * @param values the matrix, row-major, from offset 0
     * @param rows its rows
     * @param cols its columns
     * @param hotColumns receives each row's column of 1; its contents are unspecified when this returns false
     * @return true if every row is one-hot or all zero
     */
    static boolean find(float[] values, int rows, int cols, int[] hotColumns) {
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            int start = r * cols;
            for (int k = 0; k < cols; k++) {
                float v = values[start + k];
                if (v == 0f) {
                    continue;
                }
                if (v != 1f || hot >= 0) {
                    return false;
                }
                hot = k;
            }
            hotColumns[r] = hot;
        }
        return true;
    }
}
