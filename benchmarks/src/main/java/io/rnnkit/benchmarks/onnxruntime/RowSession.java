package io.rnnkit.benchmarks.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One benchmark row's ONNX Runtime session, built at the row's thread count, and the direct buffers its tensors
 * wrap: ONNX Runtime reads inputs from, and writes pinned outputs into, that memory, so a step allocates nothing.
 */
final class RowSession implements AutoCloseable {

    private final OrtSession session;
    private final int threads;
    private final OnnxRuntimePeer peer;

    RowSession(OrtSession session, int threads, OnnxRuntimePeer peer) {
        this.session = session;
        this.threads = threads;
        this.peer = peer;
    }

    /** The session; throws if the peer was since given another thread count than the session was built with. */
    OrtSession session() {
        if (peer.threads() != threads) {
            throw new IllegalStateException("this ONNX Runtime session has " + threads
                    + " intra-op threads but the row asks for " + peer.threads());
        }
        return session;
    }

    /** A zeroed direct float buffer of {@code size} elements in native order. */
    static FloatBuffer direct(int size) {
        return ByteBuffer.allocateDirect(Float.BYTES * size).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A tensor of {@code shape} over the direct {@code buffer}, without a copy. */
    static OnnxTensor tensor(FloatBuffer buffer, long... shape) throws OrtException {
        return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), buffer, shape);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
