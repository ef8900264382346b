package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ArrayMath;
import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.kernels.VectorGemm;

/**
 * One pass's gate gradients [T·B, G·H] as floats, kept in {@link VectorGemm#pack packed} layout as the time loop
 * stores them step by step, so that the weight-gradient products dW = Xᵀ·dZ take them as their right operand
 * without another copy. A step's row lands in whole panel rows, each a contiguous run of floats.
 */
final class PackedGateGradients {

    private final int rows;
    private final int gh;
    private final int panelColumns = VectorGemm.packedPanelColumns();
    private final int panels;
    /** Floats from one panel to the next. */
    private final int panelLength;
    private final float[] packed;

    /** Zeroed gradients for {@code rows} rows of {@code gh} gate units. */
    PackedGateGradients(int rows, int gh) {
        this.rows = rows;
        this.gh = gh;
        this.panels = (gh + panelColumns - 1) / panelColumns;
        this.panelLength = rows * panelColumns;
        this.packed = new float[VectorGemm.packedLength(rows, gh)];
    }

    /** The packed array, a k = rows, n = gh right operand of {@link VectorGemm#multiplyPacked}. */
    float[] packed() {
        return packed;
    }

    /**
     * Stores rows [firstRow, endRow) of a step's gradients, row-major [B, gh] in {@code step}, as rows
     * {@code firstStored + r} (r the row within the step), split over the pool for a large block.
     */
    void store(KernelThreads threads, int firstStored, int firstRow, int endRow, double[] step) {
        inPanelRows(threads, firstStored, firstRow, endRow,
                (in, out, width) -> ArrayMath.toFloats(step, in, packed, out, width));
    }

    /** As {@link #store}, from rows already converted to floats: copies only. */
    void storeFloats(KernelThreads threads, int firstStored, int firstRow, int endRow, float[] step) {
        inPanelRows(threads, firstStored, firstRow, endRow,
                (in, out, width) -> System.arraycopy(step, in, packed, out, width));
    }

    /** Copies one row's run of {@code width} values from {@code in} in the step's rows to {@code out} in packed. */
    private interface PanelRowCopy {
        void copy(int in, int out, int width);
    }

    /** Runs {@code copy} for every panel's part of rows [firstRow, endRow), split over the pool for a large block. */
    private void inPanelRows(KernelThreads threads, int firstStored, int firstRow, int endRow, PanelRowCopy copy) {
        int count = endRow - firstRow;
        boolean split = threads.splits((long) count * gh, FloatHeapPath.PARALLEL_MIN_VALUES);
        int parts = split ? Math.min(count, 2 * threads.size()) : 1;
        threads.runRanges(count, parts, (from, to) -> {
            for (int r = firstRow + from; r < firstRow + to; r++) {
                int in = r * gh;
                int out = (firstStored + r) * panelColumns;
                for (int panel = 0; panel < panels; panel++) {
                    int column = panel * panelColumns;
                    copy.copy(in + column, panel * panelLength + out, Math.min(panelColumns, gh - column));
                }
            }
        });
    }

    /** Zeroes the first {@code count} rows (steps outside a TBPTT window). */
    void clear(int count) {
        for (int panel = 0; panel < panels; panel++) {
            int start = panel * panelLength;
            java.util.Arrays.fill(packed, start, start + count * panelColumns, 0f);
        }
    }

    /**
     * dW = Xᵀ·dZ for a one-hot X: row r's gradients added into row {@code hotColumns[r]} of {@code target}
     * ([nIn, stride], zeroed first), rows in order, skipping rows of -1: the product's own chain of multiply-adds
     * without its zero terms. Split over the pool by panels.
     */
    void sumIntoHotRows(KernelThreads threads, int[] hotColumns, int nIn, float[] target, int stride) {
        java.util.Arrays.fill(target, 0, nIn * stride, 0f);
        boolean split = threads.splits((long) gh * rows, FloatHeapPath.PARALLEL_MIN_VALUES);
        int parts = split ? Math.min(panels, 2 * threads.size()) : 1;
        threads.runRanges(panels, parts, (firstPanel, endPanel) -> {
            for (int panel = firstPanel; panel < endPanel; panel++) {
                int column = panel * panelColumns;
                int width = Math.min(panelColumns, gh - column);
                int in = panel * panelLength;
                for (int r = 0; r < rows; r++) {
                    int hot = hotColumns[r];
                    if (hot >= 0) {
                        ArrayMath.add(packed, in + r * panelColumns, target, hot * stride + column, width);
                    }
                }
            }
        });
    }

    /**
     * Copies the gradients out row-major, [rows, stride] with stride ≥ gh, for a product that takes them as its left
     * operand.
     */
    void unpack(float[] target, int stride) {
        for (int r = 0; r < rows; r++) {
            for (int panel = 0; panel < panels; panel++) {
                int column = panel * panelColumns;
                System.arraycopy(packed, panel * panelLength + r * panelColumns, target, r * stride + column,
                        Math.min(panelColumns, gh - column));
            }
        }
    }
}
