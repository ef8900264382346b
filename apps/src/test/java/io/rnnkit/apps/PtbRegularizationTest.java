package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.models.bundle.ModelBundle;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train ptb --preset regularized}, shrunk to a smoke run: the plan records every regulariser, the tied
 * embedding and softmax weights leave training bit-identical, and {@code evaluate} on the saved bundle (inference,
 * no regulariser) reproduces the run's test figure.
 */
@Tag("slow")
class PtbRegularizationTest {

    @TempDir
    Path dir;

    @Test
    void theRegularizedPresetTrainsSavesAndEvaluatesWithTiedWeights() throws Exception {
        String data = System.getenv(DataDirectory.ENV_VARIABLE);
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data)),
                "RNNKIT_DATA is not set to the corpora directory; skipping the PTB run");
        Path run = dir.resolve("ptb");

        Result trained = RnnkitCliTest.run("train", "ptb", "--preset", "regularized", "--hidden", "24", "--embedding",
                "24", "--epochs", "2", "--fraction", "0.01", "--out", run.toString());

        assertThat(trained.status()).as(trained.err()).isZero();
        Properties plan = new Properties();
        plan.load(new StringReader(Files.readString(run.resolve("run.properties"))));
        assertThat(plan).containsEntry("data.preset", "regularized").containsEntry("data.random-bptt", "false")
                .containsEntry("model.tie-weights", "true").containsEntry("model.locked-dropout-input", "0.65")
                .containsEntry("model.locked-dropout-hidden", "0.75").containsEntry("model.locked-dropout-output", "0.6")
                .containsEntry("model.weight-drop", "0.8").containsEntry("model.embedding-dropout", "0.9")
                .containsEntry("model.hidden", "24").containsEntry("train.asgd", "3")
                .containsEntry("train.decay-after", "5");
        MultiLayerNetwork net = (MultiLayerNetwork) ModelBundle.load(run.resolve("model.zip")).network();
        assertThat(net.getLayer(3).getParam("W")).isEqualTo(net.getLayer(0).getParam("W").transpose());
        String headline = trained.out().strip();
        // 2 epochs of 1% of PTB (1,228.56 when written): far from trained, far better than the 10,000-word uniform guess
        double perplexity = Double.parseDouble(headline.replaceAll(".*perplexity ([0-9.]+).*", "$1"));
        assertThat(perplexity).isBetween(300.0, 2_000.0);

        Result evaluated = RnnkitCliTest.run("evaluate", "--model", run.resolve("model.zip").toString());
        assertThat(evaluated.status()).as(evaluated.err()).isZero();
        assertThat(evaluated.out().strip()).endsWith("\n" + headline);
    }
}
