package io.rnnkit.apps;

import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.sampling.SamplingOptions;
import io.rnnkit.models.sampling.TextSampler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit generate}: streams text from a char or word language model, one symbol at a time. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Stream text from a trained char-lm or ptb model, starting from a prefix.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A language-model bundle (model.zip).")
    Path model;

    @Option(names = "--prefix", required = true, paramLabel = "TEXT", description = "Text to start from.")
    String prefix;

    @Option(names = "--length", defaultValue = "300", paramLabel = "N", description = "Symbols to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T",
            description = "Sampling temperature; lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Sample among the K likeliest symbols only (0: all).")
    int topK;

    @Option(names = "--greedy", description = "Always take the likeliest symbol.")
    boolean greedy;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        SamplingOptions options = greedy ? SamplingOptions.greedy(length)
                : SamplingOptions.sampled(length, temperature, topK, seed);
        TextSampler sampler = TextSampler.of(ModelBundle.load(model));
        PrintWriter out = spec.commandLine().getOut();
        out.print(prefix);
        sampler.sample(prefix, options, piece -> {
            out.print(piece);
            out.flush();
        });
        out.println();
        return 0;
    }
}
