package io.rnnkit.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx.TensorProto;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Converts ONNX {@code TensorProto}s (float, double, int32, int64, raw or typed data) to ND4J arrays. */
final class OnnxTensors {

    private OnnxTensors() {
    }

    /** The tensor as an array: float and double stay floating point, integer types become LONG. */
    static INDArray toArray(TensorProto tensor) {
        long[] shape = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = Math.toIntExact(length(shape));
        ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !tensor.getRawData().isEmpty();
        switch (tensor.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = hasRaw ? raw.getFloat(4 * i) : tensor.getFloatData(i);
                }
                return Nd4j.create(v, shape, 'c');
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = hasRaw ? raw.getDouble(8 * i) : tensor.getDoubleData(i);
                }
                return Nd4j.create(v, shape, DataType.DOUBLE);
            }
            case TensorProto.DataType.INT64_VALUE -> {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = hasRaw ? raw.getLong(8 * i) : tensor.getInt64Data(i);
                }
                return Nd4j.createFromArray(v).reshape(shape);
            }
            case TensorProto.DataType.INT32_VALUE -> {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = hasRaw ? raw.getInt(4 * i) : tensor.getInt32Data(i);
                }
                return Nd4j.createFromArray(v).reshape(shape);
            }
            default -> throw new IllegalArgumentException("tensor '" + tensor.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(tensor.getDataType())
                    + "; rnnkit reads FLOAT, DOUBLE, INT32 and INT64");
        }
    }

    /** A FLOAT or INT64 tensor proto holding {@code array} (other types are written as FLOAT). */
    static TensorProto toProto(String name, INDArray array) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name);
        for (long d : array.shape()) {
            b.addDims(d);
        }
        INDArray c = array.dup('c');
        if (array.dataType() == DataType.LONG || array.dataType() == DataType.INT) {
            b.setDataType(TensorProto.DataType.INT64_VALUE);
            for (long v : c.data().asLong()) {
                b.addInt64Data(v);
            }
            return b.build();
        }
        b.setDataType(TensorProto.DataType.FLOAT_VALUE);
        float[] values = c.castTo(DataType.FLOAT).data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        bytes.flip();
        return b.setRawData(org.nd4j.shade.protobuf.ByteString.copyFrom(bytes)).build();
    }

    static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
