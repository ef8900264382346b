package io.rnnkit.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.TextCleaning;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

class ModelBundleTest {

    @TempDir
    Path dir;

    @Test
    void multiLayerBundleRoundTripsEveryPart() throws IOException {
        MultiLayerNetwork net = TinyModels.lstm(4);
        ModelBundle bundle = new ModelBundle(net, TinyModels.spec(), TinyModels.training(),
                Optional.of(ModelVocabulary.of(TinyModels.CHARS)), Optional.of(TinyModels.standardizer()),
                TinyModels.provenance());
        Path file = dir.resolve("model.zip");
        bundle.save(file);

        ModelBundle loaded = ModelBundle.load(file);

        assertThat(loaded.network()).isInstanceOf(MultiLayerNetwork.class);
        MultiLayerNetwork restored = (MultiLayerNetwork) loaded.network();
        Nd4j.getRandom().setSeed(3);
        INDArray input = TinyModels.input(4);
        assertThat(restored.output(input)).isEqualTo(net.output(input));
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(loaded.spec()).isEqualTo(TinyModels.spec());
        assertThat(loaded.training()).isEqualTo(TinyModels.training()).containsEntry("note", "two\nlines = ok");
        assertThat(loaded.vocabulary()).contains(ModelVocabulary.of(TinyModels.CHARS));
        NormalizerStandardize normalizer = (NormalizerStandardize) loaded.normalizer().orElseThrow();
        assertThat(normalizer.getMean().toDoubleVector()).containsExactly(2.0, 10.0);
        assertThat(normalizer.getStd()).isEqualTo(TinyModels.standardizer().getStd());
        assertThat(loaded.provenance()).isEqualTo(TinyModels.provenance());
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void graphBundleKeepsTheUpdaterWhenAsked() throws IOException {
        ComputationGraph graph = TinyModels.lstmGraph(4);
        graph.fit(TinyModels.batch(4));
        ModelBundle bundle = new ModelBundle(graph, TinyModels.spec(), Map.of(),
                Optional.of(ModelVocabulary.of(TinyModels.WORDS)), Optional.empty(), TinyModels.provenance());
        Path file = dir.resolve("graph.zip");
        bundle.save(file, true);

        ModelBundle loaded = ModelBundle.load(file);

        assertThat(loaded.network()).isInstanceOf(ComputationGraph.class);
        ComputationGraph restored = (ComputationGraph) loaded.network();
        INDArray input = TinyModels.input(4);
        assertThat(restored.outputSingle(input)).isEqualTo(graph.outputSingle(input));
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(graph.getUpdater().getStateViewArray());
        assertThat(restored.getUpdater().getStateViewArray().sumNumber().doubleValue()).isNotZero();
        assertThat(loaded.vocabulary()).contains(ModelVocabulary.of(TinyModels.WORDS));
        assertThat(loaded.training()).isEmpty();
        assertThat(loaded.normalizer()).isEmpty();
    }

    @Test
    void bundleWithoutUpdaterRestoresWithNone() throws IOException {
        MultiLayerNetwork net = TinyModels.lstm(4);
        net.fit(TinyModels.batch(4));
        Path file = save(new ModelBundle(net, TinyModels.spec(), Map.of(), Optional.empty(), Optional.empty(),
                TinyModels.provenance()));

        MultiLayerNetwork restored = (MultiLayerNetwork) ModelBundle.load(file).network();

        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.getUpdater().getStateViewArray().sumNumber().doubleValue()).isZero();
    }

    @Test
    void vocabularyMustMatchTheOutputWidth() {
        assertThatThrownBy(() -> new ModelBundle(TinyModels.lstm(5), TinyModels.spec(), Map.of(),
                Optional.of(ModelVocabulary.of(TinyModels.CHARS)), Optional.empty(), TinyModels.provenance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the network outputs 5 values per step but the char vocabulary has 4 symbols");
    }

    @Test
    void missingFileDirectoryAndNonZipAreNamed() throws IOException {
        Path missing = dir.resolve("nope.zip");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        assertOneLineError(missing, "--model: " + missing + " does not exist");
        assertOneLineError(dir, "--model: " + dir + " is a directory, not a model bundle zip");
        assertOneLineError(text, "--model: " + text + " is not an rnnkit model bundle (not a readable zip file)");
    }

    @Test
    void zipWithoutSpecIsNotABundle() throws IOException {
        Path other = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertOneLineError(other, "--model: " + other + " is not an rnnkit model bundle (no spec.properties inside)");
    }

    @Test
    void truncatedBundleIsNotReadable() throws IOException {
        Path file = charBundle();
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertOneLineError(truncated, "--model: " + truncated
                + " is not an rnnkit model bundle (not a readable zip file)");
    }

    @Test
    void garbageNetworkIsCorrupt() throws IOException {
        Path broken = rewrite(charBundle(), BundleArchive.NETWORK, "not a network".getBytes(StandardCharsets.UTF_8));

        assertOneLineError(broken, "--model: " + broken
                + " is a corrupt rnnkit model bundle (network.zip: no configuration.json inside)");
    }

    @Test
    void missingEntryIsCorrupt() throws IOException {
        Path broken = rewrite(charBundle(), BundleArchive.PROVENANCE, null);

        assertOneLineError(broken, "--model: " + broken
                + " is a corrupt rnnkit model bundle (provenance.properties: missing)");
    }

    @Test
    void badProvenanceValueIsCorrupt() throws IOException {
        Path broken = rewrite(charBundle(), BundleArchive.PROVENANCE,
                "created=2024-05-01T12:30:00Z\nrnnkit.version=dev\nseed=forty-two\ntask=x\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertOneLineError(broken, "--model: " + broken
                + " is a corrupt rnnkit model bundle (provenance.properties: seed: expected a whole number, got 'forty-two')");
    }

    @Test
    void vocabularyOfAnotherSizeIsInconsistent() throws IOException {
        String bigger = CharVocabulary.build("abcdef", TextCleaning.NONE, false).toText();
        Path broken = rewrite(charBundle(), BundleArchive.VOCABULARY, bigger.getBytes(StandardCharsets.UTF_8));

        assertOneLineError(broken, "--model: " + broken + " is an inconsistent rnnkit model bundle"
                + " (the network outputs 4 values per step but the char vocabulary has 6 symbols)");
    }

    @Test
    void manifestMustMatchTheNetworkType() throws IOException {
        String manifest = "format=1\nnetwork=ComputationGraph\nnormalizer=none\nvocabulary=char\n";
        Path broken = rewrite(charBundle(), BundleArchive.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

        assertOneLineError(broken, "--model: " + broken + " is an inconsistent rnnkit model bundle"
                + " (bundle.properties declares network ComputationGraph but network.zip holds a MultiLayerNetwork)");
    }

    @Test
    void newerFormatIsRefused() throws IOException {
        String manifest = "format=2\nnetwork=MultiLayerNetwork\nnormalizer=none\nvocabulary=char\n";
        Path broken = rewrite(charBundle(), BundleArchive.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

        assertOneLineError(broken, "--model: " + broken + " is a corrupt rnnkit model bundle"
                + " (bundle.properties: bundle format '2' is not supported; this rnnkit reads format 1)");
    }

    private Path charBundle() throws IOException {
        return save(new ModelBundle(TinyModels.lstm(4), TinyModels.spec(), TinyModels.training(),
                Optional.of(ModelVocabulary.of(TinyModels.CHARS)), Optional.empty(), TinyModels.provenance()));
    }

    private Path save(ModelBundle bundle) throws IOException {
        Path file = Files.createTempFile(dir, "bundle", ".zip");
        bundle.save(file);
        return file;
    }

    /** A copy of {@code bundle} with one entry replaced by {@code content}, or dropped when it is null. */
    private Path rewrite(Path bundle, String entry, byte[] content) throws IOException {
        Path copy = Files.createTempFile(dir, "broken", ".zip");
        try (ZipFile in = new ZipFile(bundle.toFile());
             OutputStream file = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry original = entries.nextElement();
                byte[] bytes;
                try (InputStream stream = in.getInputStream(original)) {
                    bytes = original.getName().equals(entry) ? content : stream.readAllBytes();
                }
                if (bytes != null) {
                    out.putNextEntry(new ZipEntry(original.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    private static void assertOneLineError(Path file, String message) {
        assertThatThrownBy(() -> ModelBundle.load(file))
                .isInstanceOf(UserInputException.class)
                .hasMessage(message)
                .hasMessageNotContaining("\n");
    }
}
