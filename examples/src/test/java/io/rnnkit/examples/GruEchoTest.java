package io.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class GruEchoTest {

    @Test
    void learnsTheDelayedEchoAndRoundTripsThroughModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = GruEcho.network(42);
        double before = GruEcho.loss(net, GruEcho.batch(new Random(43)));
        double after = GruEcho.train(net, 300, 42);

        // Untrained: near ln 4 = 1.386 nats per step; remembering two steps back takes it near zero.
        System.out.printf("GruEchoTest: loss per step %.4f before training, %.4f after%n", before, after);
        assertTrue(before > 1.2, "untrained loss " + before);
        assertTrue(after < 0.05, "trained loss " + after);

        File file = dir.resolve("gru-echo.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        INDArray input = GruEcho.batch(new Random(44)).getFeatures();
        assertArrayEquals(net.output(input).ravel().toFloatVector(), restored.output(input).ravel().toFloatVector(), 0f);
    }
}
