package io.rnnkit.datasets.uci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.NumberedFileInputSplit;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.TextFiles;

/**
 * UCI synthetic control: 600 series of 60 steps, 6 classes of 100 consecutive rows (normal,
 * cyclic, increasing trend, decreasing trend, upward shift, downward shift).
 *
 * <p>The split is stratified: each class's 100 rows are shuffled with the seed and cut into 65 for
 * training, 10 for validation and 25 for test, so the splits (390, 60 and 150 series) hold every
 * class equally and share no series. Each split is then shuffled. As in DL4J's
 * UCISequenceClassification example, each series is written as its own CSV (one value per line)
 * with a label file, and read back with {@link CSVSequenceRecordReader} and
 * {@link SequenceRecordReaderDataSetIterator} (labels aligned to the last step, so label masks mark
 * it). A {@link NormalizerStandardize} fitted on train only is attached to every iterator.
 */
public final class UciSyntheticControl {

    /** Number of series. */
    public static final int SERIES = 600;
    /** Steps per series. */
    public static final int LENGTH = 60;
    /** Number of classes. */
    public static final int CLASSES = 6;
    /** Series per class. */
    public static final int PER_CLASS = SERIES / CLASSES;
    /** Training series per class. */
    public static final int TRAIN_PER_CLASS = 65;
    /** Validation series per class. */
    public static final int VALIDATION_PER_CLASS = 10;
    /** Test series per class: the rest. */
    public static final int TEST_PER_CLASS = PER_CLASS - TRAIN_PER_CLASS - VALIDATION_PER_CLASS;
    /** Training series. */
    public static final int TRAIN = TRAIN_PER_CLASS * CLASSES;
    /** Validation series. */
    public static final int VALIDATION = VALIDATION_PER_CLASS * CLASSES;
    /** Test series. */
    public static final int TEST = TEST_PER_CLASS * CLASSES;

    private final Path workDirectory;
    private final NormalizerStandardize normalizer;

    private UciSyntheticControl(Path workDirectory) {
        this.workDirectory = workDirectory;
        this.normalizer = new NormalizerStandardize();
        normalizer.fit(rawIterator(workDirectory.resolve(Split.TRAIN.directory), TRAIN, TRAIN));
    }

    /** The three disjoint parts of the data. */
    private enum Split {
        TRAIN("train", 0, TRAIN_PER_CLASS),
        VALIDATION("validation", TRAIN_PER_CLASS, TRAIN_PER_CLASS + VALIDATION_PER_CLASS),
        TEST("test", TRAIN_PER_CLASS + VALIDATION_PER_CLASS, PER_CLASS);

        final String directory;
        /** The range of a class's shuffled rows that falls in this split. */
        final int from;
        final int to;

        Split(String directory, int from, int to) {
            this.directory = directory;
            this.from = from;
            this.to = to;
        }

        int size() {
            return (to - from) * CLASSES;
        }
    }

    /** The verified corpus from the data directory. */
    public static UciSyntheticControl load(CorpusStore store, Path workDirectory, long shuffleSeed) {
        Path file = store.verifiedFile(Corpus.UCI, "synthetic_control.data");
        return prepare(file, TextFiles.readUtf8(file, "run " + Corpus.UCI.fetchCommand()), workDirectory, shuffleSeed);
    }

    /**
     * A user's own file in the same format: 600 lines of 60 whitespace-separated numbers, classes in
     * blocks of 100 lines.
     *
     * @param workDirectory where the per-series CSV files are written (created if needed)
     */
    public static UciSyntheticControl load(Path dataFile, Path workDirectory, long shuffleSeed) {
        return prepare(dataFile, TextFiles.readUtf8(dataFile, "check the --corpus path"), workDirectory, shuffleSeed);
    }

    /** Training batches (390 series), standardized with the train statistics. */
    public DataSetIterator trainIterator(int batchSize) {
        return iterator(Split.TRAIN, batchSize);
    }

    /** Validation batches (60 series), standardized with the train statistics. */
    public DataSetIterator validationIterator(int batchSize) {
        return iterator(Split.VALIDATION, batchSize);
    }

    /** Test batches (150 series), standardized with the train statistics. */
    public DataSetIterator testIterator(int batchSize) {
        return iterator(Split.TEST, batchSize);
    }

    private DataSetIterator iterator(Split split, int batchSize) {
        DataSetIterator iterator = rawIterator(workDirectory.resolve(split.directory), split.size(), batchSize);
        iterator.setPreProcessor(normalizer);
        return iterator;
    }

    /** The normalizer fitted on the training series only (save it with the model). */
    public NormalizerStandardize normalizer() {
        return normalizer;
    }

    private static UciSyntheticControl prepare(Path file, String text, Path workDirectory, long shuffleSeed) {
        float[][] series = parse(file, text);
        Random random = new Random(shuffleSeed);
        int[][] classRows = new int[CLASSES][];
        for (int c = 0; c < CLASSES; c++) {
            classRows[c] = shuffled(c * PER_CLASS, PER_CLASS, random);
        }
        try {
            for (Split split : Split.values()) {
                int[] rows = new int[split.size()];
                int n = 0;
                for (int[] shuffledClass : classRows) {
                    for (int i = split.from; i < split.to; i++) {
                        rows[n++] = shuffledClass[i];
                    }
                }
                int[] order = shuffled(0, rows.length, random);
                Path directory = workDirectory.resolve(split.directory);
                for (int i = 0; i < rows.length; i++) {
                    int row = rows[order[i]];
                    writeSeries(directory, i, series[row], row / PER_CLASS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the UCI series files under " + workDirectory, e);
        }
        return new UciSyntheticControl(workDirectory);
    }

    /** {@code first .. first + count - 1} in a random order (Fisher–Yates). */
    private static int[] shuffled(int first, int count, Random random) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = first + i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    private static float[][] parse(Path file, String text) {
        String[] lines = text.strip().split("\r?\n");
        if (lines.length != SERIES) {
            throw new UserInputException(file + ": expected " + SERIES + " lines of " + LENGTH
                    + " numbers (UCI synthetic control), found " + lines.length + " lines");
        }
        float[][] series = new float[SERIES][LENGTH];
        for (int row = 0; row < SERIES; row++) {
            String[] values = lines[row].strip().split("\\s+");
            if (values.length != LENGTH) {
                throw new UserInputException(file + ": line " + (row + 1) + " has " + values.length + " values, expected " + LENGTH);
            }
            for (int t = 0; t < LENGTH; t++) {
                try {
                    series[row][t] = Float.parseFloat(values[t]);
                } catch (NumberFormatException e) {
                    throw new UserInputException(file + ": line " + (row + 1) + " value " + (t + 1) + " is not a number: '"
                            + values[t] + "'", e);
                }
                if (!Float.isFinite(series[row][t])) {
                    throw new UserInputException(file + ": line " + (row + 1) + " value " + (t + 1) + " is not a finite"
                            + " number: '" + values[t] + "'");
                }
            }
        }
        return series;
    }

    private static void writeSeries(Path split, int index, float[] values, int label) throws IOException {
        Path features = Files.createDirectories(split.resolve("features"));
        Path labels = Files.createDirectories(split.resolve("labels"));
        StringBuilder csv = new StringBuilder(values.length * 8);
        for (float value : values) {
            csv.append(value).append('\n');
        }
        Files.writeString(features.resolve(index + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(labels.resolve(index + ".csv"), label + "\n", StandardCharsets.UTF_8);
    }

    private static DataSetIterator rawIterator(Path split, int count, int batchSize) {
        if (batchSize < 1) {
            throw new UserInputException("batch-size: must be at least 1, got " + batchSize);
        }
        try {
            SequenceRecordReader features = new CSVSequenceRecordReader(0, ",");
            features.initialize(new NumberedFileInputSplit(split.resolve("features") + "/%d.csv", 0, count - 1));
            SequenceRecordReader labels = new CSVSequenceRecordReader(0, ",");
            labels.initialize(new NumberedFileInputSplit(split.resolve("labels") + "/%d.csv", 0, count - 1));
            return new SequenceRecordReaderDataSetIterator(features, labels, batchSize, CLASSES, false,
                    SequenceRecordReaderDataSetIterator.AlignmentMode.ALIGN_END);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot read the UCI series files under " + split, e);
        }
    }
}
