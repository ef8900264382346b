package io.rnnkit.apps;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.onnx.OnnxExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit export onnx --model DIR/model.zip --out FILE.onnx}: writes a bundle's network as an ONNX model
 * (opset 14) that ONNX Runtime, PyTorch's tools or {@code rnnkit import onnx} can read.
 */
@Command(name = "onnx", mixinStandardHelpOptions = true,
        description = "Export a model bundle's network to ONNX (opset 14).")
final class ExportOnnxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model bundle (model.zip).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ModelBundle bundle = ModelBundle.load(model);
        if (!(bundle.network() instanceof MultiLayerNetwork network)) {
            throw new UserInputException("--model: ONNX export takes a MultiLayerNetwork, but " + model + " holds a "
                    + bundle.network().getClass().getSimpleName() + " (seq2seq models are not exported yet)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OnnxExporter.write(network, out);
        spec.commandLine().getOut().printf("exported %s (%d layers) -> %s%n", model, network.getnLayers(), out);
        return 0;
    }
}
