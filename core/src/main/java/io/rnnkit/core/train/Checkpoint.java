package io.rnnkit.core.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A network, its updater state, the trainer's position (with the running sums of a part-done epoch), every
 * finished epoch's {@code metrics.csv} row and (mid-epoch, for a stateful network) the hidden state carried into
 * the next batch, under averaged SGD the running average of the weights, and under keep-best the best epoch's weights,
 * written together in one file.
 *
 * <p>Keeping them in one zip, replaced atomically, means a crash can never pair new weights with
 * an old position (or the reverse): the file on disk is always the last complete checkpoint, and the run's
 * other files can be rebuilt from it, whichever write a crash interrupted.
 */
record Checkpoint(Model model, TrainerState state, List<EpochRecord> history, Map<String, INDArray> carriedState,
                  ParameterAverage average, BestWeights best) {

    private static final String NETWORK_ENTRY = "network.zip";
    private static final String STATE_ENTRY = "trainer-state.json";
    private static final String HISTORY_ENTRY = "metrics.csv";
    private static final String CARRIED_PREFIX = "carried-state/";
    private static final String AVERAGE_ENTRY = "asgd-average.bin";
    private static final String AVERAGE_COUNT_ENTRY = "asgd-iterates.txt";
    private static final String BEST_ENTRY = "best-weights.bin";
    private static final String BEST_EPOCH_ENTRY = "best-epoch.txt";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(org.nd4j.shade.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(STATE_ENTRY));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
            zip.closeEntry();
            putText(zip, HISTORY_ENTRY, EpochRecord.toCsv(history));
            for (Map.Entry<String, INDArray> carried : new TreeMap<>(carriedState).entrySet()) {
                putArray(zip, CARRIED_PREFIX + carried.getKey(), carried.getValue());
            }
            if (average != null) {
                putText(zip, AVERAGE_COUNT_ENTRY, Long.toString(average.iterates()));
                if (average.mean() != null) {
                    putArray(zip, AVERAGE_ENTRY, average.mean());
                }
            }
            if (best != null) {
                putText(zip, BEST_EPOCH_ENTRY, Integer.toString(best.epoch()));
                putArray(zip, BEST_ENTRY, best.weights());
            }
            zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
            Networks.write(model, new NonClosingStream(zip));
            zip.closeEntry();
            zip.finish();
        });
    }

    static Checkpoint load(Path file, Model like) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry stateEntry = zip.getEntry(STATE_ENTRY);
            ZipEntry networkEntry = zip.getEntry(NETWORK_ENTRY);
            ZipEntry historyEntry = zip.getEntry(HISTORY_ENTRY);
            if (stateEntry == null || networkEntry == null || historyEntry == null) {
                throw new IOException(file + " is not an rnnkit checkpoint of this version (missing "
                        + (stateEntry == null ? STATE_ENTRY : networkEntry == null ? NETWORK_ENTRY : HISTORY_ENTRY) + ")");
            }
            TrainerState state;
            try (InputStream in = zip.getInputStream(stateEntry)) {
                state = JSON.readValue(in, TrainerState.class);
            }
            List<EpochRecord> history = EpochRecord.fromCsv(readText(zip, historyEntry));
            Map<String, INDArray> carried = new TreeMap<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith(CARRIED_PREFIX)) {
                    carried.put(entry.getName().substring(CARRIED_PREFIX.length()), readArray(zip, entry));
                }
            }
            ParameterAverage average = null;
            ZipEntry countEntry = zip.getEntry(AVERAGE_COUNT_ENTRY);
            if (countEntry != null) {
                long iterates = Long.parseLong(readText(zip, countEntry).trim());
                ZipEntry meanEntry = zip.getEntry(AVERAGE_ENTRY);
                average = new ParameterAverage(meanEntry == null ? null : readArray(zip, meanEntry), iterates);
            }
            BestWeights best = null;
            ZipEntry bestEpochEntry = zip.getEntry(BEST_EPOCH_ENTRY);
            ZipEntry bestEntry = zip.getEntry(BEST_ENTRY);
            if (bestEpochEntry != null && bestEntry != null) {
                int epoch = Integer.parseInt(readText(zip, bestEpochEntry).trim());
                best = new BestWeights(epoch, readArray(zip, bestEntry));
            }
            try (InputStream in = zip.getInputStream(networkEntry)) {
                return new Checkpoint(Networks.read(in, like), state, history, carried, average, best);
            }
        }
    }

    private static void putText(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DataOutputStream out = new DataOutputStream(new NonClosingStream(zip));
        Nd4j.write(array, out);
        out.flush();
        zip.closeEntry();
    }

    private static String readText(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static INDArray readArray(ZipFile zip, ZipEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
            return Nd4j.read(in);
        }
    }

    /** Lets ModelSerializer close "its" stream without closing the zip around it. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
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
