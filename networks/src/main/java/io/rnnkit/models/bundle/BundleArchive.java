package io.rnnkit.models.bundle;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zip layout of a {@link ModelBundle}: a {@code bundle.properties} manifest that declares what is
 * inside, the spec, training and provenance properties, {@code network.zip} (ModelSerializer's format),
 * and optionally {@code vocabulary.txt} and {@code normalizer.bin}.
 */
final class BundleArchive {

    static final String MANIFEST = "bundle.properties";
    static final String SPEC = "spec.properties";
    static final String TRAINING = "training.properties";
    static final String PROVENANCE = "provenance.properties";
    static final String NETWORK = "network.zip";
    static final String VOCABULARY = "vocabulary.txt";
    static final String NORMALIZER = "normalizer.bin";

    private static final Logger LOG = LoggerFactory.getLogger(BundleArchive.class);
    private static final String FORMAT = "1";
    private static final String NONE = "none";
    private static final String MULTI_LAYER_NETWORK = "MultiLayerNetwork";
    private static final String COMPUTATION_GRAPH = "ComputationGraph";

    private BundleArchive() {
    }

    static void write(ModelBundle bundle, Path file, boolean withUpdater) throws IOException {
        Map<String, String> manifest = new TreeMap<>();
        manifest.put("format", FORMAT);
        manifest.put("network", bundle.network().getClass().getSimpleName());
        manifest.put("vocabulary", bundle.vocabulary().map(ModelVocabulary::kind).orElse(NONE));
        manifest.put("normalizer", bundle.normalizer().map(n -> n.getType().name()).orElse(NONE));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, PropertiesText.write(manifest));
            put(zip, SPEC, PropertiesText.write(bundle.spec()));
            put(zip, TRAINING, PropertiesText.write(bundle.training()));
            put(zip, PROVENANCE, PropertiesText.write(bundle.provenance().toMap()));
            if (bundle.vocabulary().isPresent()) {
                put(zip, VOCABULARY, bundle.vocabulary().get().toText());
            }
            if (bundle.normalizer().isPresent()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                NormalizerSerializer.getDefault().write(bundle.normalizer().get(), bytes);
                zip.putNextEntry(new ZipEntry(NORMALIZER));
                zip.write(bytes.toByteArray());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(NETWORK));
            ModelSerializer.writeModel(bundle.network(), new EntryStream(zip), withUpdater);
            zip.closeEntry();
            zip.finish();
        });
        LOG.info("saved model bundle {} ({}, {} parameters)", file, manifest.get("network"), bundle.network().numParams());
    }

    static ModelBundle read(Path file) {
        String where = "--model: " + file;
        if (!Files.exists(file)) {
            throw new UserInputException(where + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(where + " is a directory, not a model bundle zip");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(where + " is not an rnnkit model bundle (not a readable zip file)", e);
        }
        try (zip) {
            ModelBundle bundle = new Reader(zip, where).bundle();
            LOG.info("loaded model bundle {} (task {}, rnnkit {})", file, bundle.provenance().task(),
                    bundle.provenance().rnnkitVersion());
            return bundle;
        } catch (IOException e) {
            throw new UserInputException(where + " could not be read (" + firstLine(e) + ")", e);
        }
    }

    private static void put(ZipOutputStream zip, String entry, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** Reads the entries of one open bundle, turning every problem into a one-line error naming the entry. */
    private record Reader(ZipFile zip, String where) {

        private static final ObjectMapper JSON = new ObjectMapper();

        ModelBundle bundle() throws IOException {
            if (zip.getEntry(SPEC) == null) {
                throw new UserInputException(where + " is not an rnnkit model bundle (no " + SPEC + " inside)");
            }
            Map<String, String> manifest = properties(MANIFEST);
            String format = manifest.getOrDefault("format", "");
            if (!format.equals(FORMAT)) {
                throw corrupt(MANIFEST, "bundle format '" + format + "' is not supported; this rnnkit reads format "
                        + FORMAT);
            }
            String declared = manifest.getOrDefault("network", "");
            String stored = parse(NETWORK, Reader::networkType);
            if (!declared.equals(stored)) {
                throw inconsistent(MANIFEST + " declares network " + declared + " but " + NETWORK + " holds a "
                        + stored);
            }
            Model network = parse(NETWORK, in -> stored.equals(MULTI_LAYER_NETWORK)
                    ? ModelSerializer.restoreMultiLayerNetwork(in, true)
                    : ModelSerializer.restoreComputationGraph(in, true));
            try {
                return new ModelBundle(network, properties(SPEC), properties(TRAINING),
                        vocabulary(manifest.getOrDefault("vocabulary", NONE)),
                        normalizer(manifest.getOrDefault("normalizer", NONE)),
                        parse(PROVENANCE, in -> Provenance.fromMap(PropertiesText.read(text(in)))));
            } catch (UserInputException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw inconsistent(e.getMessage());
            }
        }

        private Optional<ModelVocabulary> vocabulary(String kind) throws IOException {
            if (kind.equals(NONE)) {
                return Optional.empty();
            }
            return Optional.of(parse(VOCABULARY, in -> ModelVocabulary.fromText(kind, text(in))));
        }

        private Optional<Normalizer<?>> normalizer(String type) throws IOException {
            if (type.equals(NONE)) {
                return Optional.empty();
            }
            Normalizer<?> normalizer = parse(NORMALIZER, in -> NormalizerSerializer.getDefault().<Normalizer<?>>restore(in));
            if (!normalizer.getType().name().equals(type)) {
                throw inconsistent(MANIFEST + " declares normalizer " + type + " but " + NORMALIZER + " holds a "
                        + normalizer.getType());
            }
            return Optional.of(normalizer);
        }

        private Map<String, String> properties(String entry) throws IOException {
            return parse(entry, in -> PropertiesText.read(text(in)));
        }

        private <T> T parse(String entry, EntryParser<T> parser) throws IOException {
            ZipEntry zipEntry = zip.getEntry(entry);
            if (zipEntry == null) {
                throw corrupt(entry, "missing");
            }
            try (InputStream in = zip.getInputStream(zipEntry)) {
                return parser.parse(in);
            } catch (Exception e) {
                throw corrupt(entry, firstLine(e));
            }
        }

        /** The kind of network ModelSerializer wrote, told apart by its configuration's top-level fields. */
        private static String networkType(InputStream in) throws IOException {
            ZipInputStream network = new ZipInputStream(in);
            for (ZipEntry entry = network.getNextEntry(); entry != null; entry = network.getNextEntry()) {
                if (entry.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    JsonNode configuration = JSON.readTree(text(network));
                    if (configuration.has("vertices")) {
                        return COMPUTATION_GRAPH;
                    }
                    if (configuration.has("confs")) {
                        return MULTI_LAYER_NETWORK;
                    }
                    throw new IOException(ModelSerializer.CONFIGURATION_JSON + " is neither a MultiLayerNetwork"
                            + " nor a ComputationGraph configuration");
                }
            }
            throw new IOException("no " + ModelSerializer.CONFIGURATION_JSON + " inside");
        }

        private static String text(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        private UserInputException corrupt(String entry, String problem) {
            return new UserInputException(where + " is a corrupt rnnkit model bundle (" + entry + ": " + problem + ")");
        }

        private UserInputException inconsistent(String problem) {
            return new UserInputException(where + " is an inconsistent rnnkit model bundle (" + problem + ")");
        }
    }

    /** Reads one entry's bytes into a value. */
    @FunctionalInterface
    private interface EntryParser<T> {
        T parse(InputStream in) throws Exception;
    }

    /** Lets ModelSerializer close "its" stream without closing the bundle zip around it. */
    private static final class EntryStream extends FilterOutputStream {

        EntryStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
