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
            zip.putNextEntry(new ZipEntry(HISTORY_ENTRY));
            zip.write(EpochRecord.toCsv(history).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Map.Entry<String, INDArray> carried : new TreeMap<>(carriedState).entrySet()) {
                zip.putNextEntry(new ZipEntry(CARRIED_PREFIX + carried.getKey()));
                DataOutputStream array = new DataOutputStream(new NonClosingStream(zip));
                Nd4j.write(carried.getValue(), array);
                array.flush();
                zip.closeEntry();
            }
            if (average != null) {
                zip.putNextEntry(new ZipEntry(AVERAGE_COUNT_ENTRY));
                zip.write(Long.toString(average.iterates()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                if (average.mean() != null) {
                    zip.putNextEntry(new ZipEntry(AVERAGE_ENTRY));
                    DataOutputStream array = new DataOutputStream(new NonClosingStream(zip));
                    Nd4j.write(average.mean(), array);
                    array.flush();
                    zip.closeEntry();
                }
            }
            if (best != null) {
                zip.putNextEntry(new ZipEntry(BEST_EPOCH_ENTRY));
                zip.write(Integer.toString(best.epoch()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(BEST_ENTRY));
                DataOutputStream array = new DataOutputStream(new NonClosingStream(zip));
                Nd4j.write(best.weights(), array);
                array.flush();
                zip.closeEntry();
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
            List<EpochRecord> history;
            try (InputStream in = zip.getInputStream(historyEntry)) {
                history = EpochRecord.fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Map<String, INDArray> carried = new TreeMap<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith(CARRIED_PREFIX)) {
                    try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
                        carried.put(entry.getName().substring(CARRIED_PREFIX.length()), Nd4j.read(in));
                    }
                }
            }
            ParameterAverage average = null;
            ZipEntry countEntry = zip.getEntry(AVERAGE_COUNT_ENTRY);
            if (countEntry != null) {
                long iterates;
                try (InputStream in = zip.getInputStream(countEntry)) {
                    iterates = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                }
                ZipEntry meanEntry = zip.getEntry(AVERAGE_ENTRY);
                INDArray mean = null;
                if (meanEntry != null) {
                    try (DataInputStream in = new DataInputStream(zip.getInputStream(meanEntry))) {
                        mean = Nd4j.read(in);
                    }
                }
                average = new ParameterAverage(mean, iterates);
            }
            BestWeights best = null;
            ZipEntry bestEpochEntry = zip.getEntry(BEST_EPOCH_ENTRY);
            ZipEntry bestEntry = zip.getEntry(BEST_ENTRY);
            if (bestEpochEntry != null && bestEntry != null) {
                int epoch;
                try (InputStream in = zip.getInputStream(bestEpochEntry)) {
                    epoch = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                }
                try (DataInputStream in = new DataInputStream(zip.getInputStream(bestEntry))) {
                    best = new BestWeights(epoch, Nd4j.read(in));
                }
            }
            try (InputStream in = zip.getInputStream(networkEntry)) {
                return new Checkpoint(Networks.read(in, like), state, history, carried, average, best);
            }
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
