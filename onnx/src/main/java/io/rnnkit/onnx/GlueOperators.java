package io.rnnkit.onnx;

import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The non-recurrent operators {@code torch.onnx.export} writes around recurrent layers (embedding lookups, linear
 * layers, softmax and the activations rnnkit's output layers export, shape arithmetic for the initial states), computed with ND4J with numpy broadcasting.
 */
final class GlueOperators {

    /** The operator types this class computes. */
    static final Set<String> SUPPORTED = Set.of("Gather", "MatMul", "Gemm", "Add", "Softmax", "LogSoftmax",
            "Transpose", "Squeeze", "Unsqueeze", "Reshape", "Concat", "Shape", "Expand", "Constant", "ConstantOfShape", "Slice", "Identity", "Sigmoid", "Tanh", "Relu");

    private GlueOperators() {
    }

    /** The node's outputs for these inputs (null for optional inputs left out). */
    static INDArray apply(OnnxNode node, INDArray[] in) {
        return switch (node.op()) {
            case "Gather" -> gather(node, in[0], in[1]);
            case "MatMul" -> matMul(node, in[0], in[1]);
            case "Gemm" -> gemm(node, in);
            case "Add" -> add(node, in[0], in[1]);
            case "Softmax" -> softmax(node, in[0], false);
            case "LogSoftmax" -> softmax(node, in[0], true);
            case "Transpose" -> transpose(node, in[0]);
            case "Squeeze" -> squeeze(node, in);
            case "Unsqueeze" -> unsqueeze(node, in);
            case "Reshape" -> reshape(node, in[0], in[1]);
            case "Concat" -> concat(node, in);
            case "Shape" -> Nd4j.createFromArray(in[0].shape());
            case "Expand" -> broadcastTo(node, in[0], broadcastShape(node, in[0].shape(), longs(in[1])));
            case "Constant" -> constant(node);
            case "ConstantOfShape" -> constantOfShape(node, longs(in[0]));
            case "Slice" -> slice(node, in);
            case "Identity" -> in[0];
            case "Sigmoid" -> Transforms.sigmoid(in[0], true);
            case "Tanh" -> Transforms.tanh(in[0], true);
            case "Relu" -> Transforms.relu(in[0], true);
            default -> throw node.error("operator " + node.op() + " is not supported");
        };
    }

    private static INDArray gather(OnnxNode node, INDArray data, INDArray indices) {
        int axis = axis(node, node.intAttr("axis", 0), data.rank());
        long[] dataShape = data.shape();
        int[] toFront = moveToFront(axis, data.rank());
        INDArray front = data.permute(toFront).dup('c');
        long rows = dataShape[axis];
        long rest = front.length() / Math.max(rows, 1);
        INDArray table = front.reshape('c', rows, rest);
        long[] idx = longs(indices);
        INDArray out = Nd4j.create(data.dataType(), idx.length, rest);
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i] < 0 ? idx[i] + rows : idx[i];
            if (k < 0 || k >= rows) {
                throw node.error("index " + idx[i] + " is out of range for axis " + axis + " of size " + rows);
            }
            out.putRow(i, table.getRow(k));
        }
        long[] frontRest = Arrays.copyOfRange(front.shape(), 1, front.rank());
        long[] outShape = concat(indices.shape(), frontRest);
        INDArray shaped = out.reshape('c', outShape);
        if (axis == 0) {
            return shaped;
        }
        // Move the index dimensions back to where the axis was.
        int q = indices.rank();
        int[] perm = new int[shaped.rank()];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            perm[p++] = q + i;
        }
        for (int i = 0; i < q; i++) {
            perm[p++] = i;
        }
        for (int i = q + axis; i < shaped.rank(); i++) {
            perm[p++] = i;
        }
        return shaped.permute(perm).dup('c');
    }

    private static INDArray matMul(OnnxNode node, INDArray a, INDArray b) {
        if (b.rank() == 2 && a.rank() >= 2) {
            long k = a.size(a.rank() - 1);
            if (k != b.size(0)) {
                throw node.error("shape mismatch: " + Arrays.toString(a.shape()) + " × " + Arrays.toString(b.shape()));
            }
            INDArray flat = a.dup('c').reshape('c', a.length() / k, k);
            long[] outShape = a.shape().clone();
            outShape[outShape.length - 1] = b.size(1);
            return flat.mmul(b.castTo(a.dataType())).reshape('c', outShape);
        }
        throw node.error("MatMul of shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape())
                + " is not supported (the second operand must be a matrix)");
    }

    private static INDArray gemm(OnnxNode node, INDArray[] in) {
        INDArray a = node.intAttr("transA", 0) != 0 ? in[0].transpose() : in[0];
        INDArray b = node.intAttr("transB", 0) != 0 ? in[1].transpose() : in[1];
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != b.size(0)) {
            throw node.error("shape mismatch: " + Arrays.toString(a.shape()) + " × " + Arrays.toString(b.shape()));
        }
        INDArray out = a.mmul(b.castTo(a.dataType())).muli(node.floatAttr("alpha", 1f));
        if (in.length > 2 && in[2] != null) {
            INDArray c = in[2].castTo(out.dataType()).mul(node.floatAttr("beta", 1f));
            out = out.add(broadcastTo(node, c, out.shape()));
        }
        return out;
    }

    private static INDArray add(OnnxNode node, INDArray a, INDArray b) {
        long[] shape = broadcastShape(node, a.shape(), b.shape());
        DataType type = a.dataType().isFPType() ? a.dataType() : b.dataType();
        return broadcastTo(node, a.castTo(type), shape).add(broadcastTo(node, b.castTo(type), shape));
    }

    private static INDArray softmax(OnnxNode node, INDArray x, boolean log) {
        return softmax(x, axis(node, node.intAttr("axis", -1), x.rank()), log);
    }

    /** Softmax (or log-softmax) of {@code x} along {@code axis}. */
    static INDArray softmax(INDArray x, int axis, boolean log) {
        int[] perm = moveToBack(axis, x.rank());
        INDArray moved = x.permute(perm).dup('c');
        long c = moved.size(moved.rank() - 1);
        INDArray rows = moved.reshape('c', moved.length() / c, c);
        INDArray shifted = rows.subColumnVector(rows.max(1).reshape(rows.size(0), 1));
        INDArray sum = Transforms.exp(shifted, true).sum(1).reshape(rows.size(0), 1);
        INDArray out = log ? shifted.subColumnVector(Transforms.log(sum, false))
                : Transforms.exp(shifted, true).divColumnVector(sum);
        return out.reshape('c', moved.shape()).permute(inverse(perm)).dup('c');
    }

    private static INDArray transpose(OnnxNode node, INDArray x) {
        long[] perm = node.intsAttr("perm");
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = perm == null ? p.length - 1 - i : (int) perm[i];
        }
        return x.permute(p).dup('c');
    }

    private static long[] axesOf(OnnxNode node, INDArray[] in) {
        if (in.length > 1 && in[1] != null) {
            return longs(in[1]);
        }
        return node.intsAttr("axes");
    }

    private static INDArray squeeze(OnnxNode node, INDArray[] in) {
        long[] shape = in[0].shape();
        long[] axes = axesOf(node, in);
        boolean[] drop = new boolean[shape.length];
        for (int i = 0; i < shape.length; i++) {
            drop[i] = axes == null && shape[i] == 1;
        }
        if (axes != null) {
            for (long a : axes) {
                int k = axis(node, a, shape.length);
                if (shape[k] != 1) {
                    throw node.error("cannot squeeze axis " + k + " of size " + shape[k]);
                }
                drop[k] = true;
            }
        }
        long[] out = new long[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[n++] = shape[i];
            }
        }
        return in[0].dup('c').reshape('c', Arrays.copyOf(out, n));
    }

    private static INDArray unsqueeze(OnnxNode node, INDArray[] in) {
        long[] shape = in[0].shape();
        long[] axes = axesOf(node, in);
        if (axes == null) {
            throw node.error("axes are missing");
        }
        int rank = shape.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[axis(node, a, rank)] = true;
        }
        long[] out = new long[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : shape[j++];
        }
        return in[0].dup('c').reshape('c', out);
    }

    private static INDArray reshape(OnnxNode node, INDArray x, INDArray shapeArray) {
        long[] shape = longs(shapeArray);
        long known = 1;
        int infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                shape[i] = x.size(i);
            }
            if (shape[i] == -1) {
                infer = i;
            } else {
                known *= shape[i];
            }
        }
        if (infer >= 0) {
            shape[infer] = known == 0 ? 0 : x.length() / known;
        }
        if (OnnxTensors.length(shape) != x.length()) {
            throw node.error("shape mismatch: cannot reshape " + Arrays.toString(x.shape()) + " to "
                    + Arrays.toString(shape));
        }
        return x.dup('c').reshape('c', shape);
    }

    private static INDArray concat(OnnxNode node, INDArray[] in) {
        int axis = axis(node, node.intAttr("axis", 0), in[0].rank());
        DataType type = in[0].dataType();
        INDArray[] parts = Arrays.stream(in).map(a -> a.castTo(type)).toArray(INDArray[]::new);
        for (INDArray p : parts) {
            if (p.rank() != parts[0].rank()) {
                throw node.error("shape mismatch: inputs of ranks " + parts[0].rank() + " and " + p.rank());
            }
        }
        return Nd4j.concat(axis, parts);
    }

    private static INDArray constant(OnnxNode node) {
        if (node.attribute("value") != null) {
            return OnnxTensors.toArray(node.attribute("value").getT());
        }
        if (node.attribute("value_float") != null) {
            return Nd4j.scalar(node.floatAttr("value_float", 0f));
        }
        if (node.attribute("value_int") != null) {
            return Nd4j.scalar(node.intAttr("value_int", 0));
        }
        if (node.attribute("value_ints") != null) {
            return Nd4j.createFromArray(node.intsAttr("value_ints"));
        }
        throw node.error("only value, value_float, value_int and value_ints constants are supported");
    }

    private static INDArray constantOfShape(OnnxNode node, long[] shape) {
        INDArray value = node.attribute("value") == null ? Nd4j.scalar(0f)
                : OnnxTensors.toArray(node.attribute("value").getT());
        return Nd4j.valueArrayOf(shape, value.getDouble(0), value.dataType());
    }

    private static INDArray slice(OnnxNode node, INDArray[] in) {
        INDArray x = in[0];
        long[] starts = longs(in[1]);
        long[] ends = longs(in[2]);
        long[] axes = in.length > 3 && in[3] != null ? longs(in[3]) : null;
        long[] steps = in.length > 4 && in[4] != null ? longs(in[4]) : null;
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        for (int i = 0; i < starts.length; i++) {
            int axis = axis(node, axes == null ? i : axes[i], x.rank());
            long step = steps == null ? 1 : steps[i];
            if (step != 1) {
                throw node.error("Slice with step " + step + " is not supported (only 1)");
            }
            long size = x.size(axis);
            long from = clamp(starts[i] < 0 ? starts[i] + size : starts[i], size);
            long to = clamp(ends[i] < 0 ? ends[i] + size : ends[i], size);
            index[axis] = NDArrayIndex.interval(from, Math.max(from, to));
        }
        return x.get(index).dup('c');
    }

    private static long clamp(long v, long size) {
        return Math.max(0, Math.min(size, v));
    }

    /** Numpy broadcasting of two shapes. */
    static long[] broadcastShape(OnnxNode node, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw node.error("shape mismatch: cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    private static INDArray broadcastTo(OnnxNode node, INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        long[] padded = new long[shape.length];
        Arrays.fill(padded, 1);
        System.arraycopy(a.shape(), 0, padded, shape.length - a.rank(), a.rank());
        INDArray reshaped = a.dup('c').reshape('c', padded);
        INDArray tiled = reshaped;
        for (int i = 0; i < shape.length; i++) {
            if (padded[i] == 1 && shape[i] != 1) {
                tiled = tiled.repeat(i, shape[i]);
            }
        }
        return tiled.reshape('c', shape);
    }

    static long[] longs(INDArray a) {
        return a.castTo(DataType.LONG).dup('c').data().asLong();
    }

    private static int axis(OnnxNode node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw node.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static int[] moveToFront(int axis, int rank) {
        int[] p = new int[rank];
        p[0] = axis;
        int j = 1;
        for (int i = 0; i < rank; i++) {
            if (i != axis) {
                p[j++] = i;
            }
        }
        return p;
    }

    private static int[] moveToBack(int axis, int rank) {
        int[] p = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            if (i != axis) {
                p[j++] = i;
            }
        }
        p[rank - 1] = axis;
        return p;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
