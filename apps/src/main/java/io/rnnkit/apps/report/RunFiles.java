package io.rnnkit.apps.report;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * What a run directory holds, read without changing it: the plan, the per-epoch metrics, the summary of a
 * finished run, the environment it trained in, its sample text and task plot.
 */
public record RunFiles(Path root) {

    /** The environment recorded when the run started. */
    public static final String ENVIRONMENT_FILE = "environment.json";

    /** A run directory; one without {@code run.properties} is refused. */
    public static RunFiles of(Path root) {
        RunFiles files = new RunFiles(root);
        if (!Files.isRegularFile(root.resolve("run.properties"))) {
            throw new UserInputException(root + " is not an rnnkit run directory (no run.properties)");
        }
        return files;
    }

    /** Whether {@code directory} looks like a run directory. */
    public static boolean isRun(Path directory) {
        return Files.isRegularFile(directory.resolve("run.properties"));
    }

    /** The plan as saved in {@code run.properties}, keys sorted. */
    public Properties plan() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(root.resolve("run.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("run.properties"), e);
        }
        return properties;
    }

    public String task() {
        return plan().getProperty("task", root.getFileName().toString());
    }

    /** The epochs the plan asks for, or -1 when it does not say. */
    public int plannedEpochs() {
        String epochs = plan().getProperty("train.epochs");
        return epochs == null ? -1 : Integer.parseInt(epochs.trim());
    }

    /** {@code metrics.csv} as its header and rows of cells; empty before the first epoch ends. */
    public Table metrics() {
        Path csv = root.resolve("metrics.csv");
        if (!Files.isRegularFile(csv)) {
            return new Table(List.of(), List.of());
        }
        List<String> lines = read(csv).lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return new Table(List.of(), List.of());
        }
        List<List<String>> rows = new ArrayList<>();
        lines.subList(1, lines.size()).forEach(line -> rows.add(Arrays.asList(line.split(",", -1))));
        return new Table(Arrays.asList(lines.get(0).split(",")), rows);
    }

    /** {@code summary.json}, written when the run finished. */
    public Optional<Map<String, Object>> summary() {
        return json(root.resolve("summary.json"));
    }

    /** The environment recorded when the run started (runs from before rnnkit recorded it have none). */
    public Optional<Map<String, Object>> environment() {
        return json(root.resolve(ENVIRONMENT_FILE));
    }

    public Optional<String> sample() {
        Path sample = root.resolve("sample.txt");
        return Files.isRegularFile(sample) ? Optional.of(read(sample)) : Optional.empty();
    }

    /** The task's own plot: the confusion matrix or the predicted-vs-true curves, once the run has finished. */
    public Optional<Path> taskPlot() {
        return List.of("confusion.png", "predicted-vs-true.png").stream().map(root::resolve)
                .filter(Files::isRegularFile).findFirst();
    }

    public boolean hasCheckpoint() {
        return Files.isRegularFile(root.resolve("checkpoint.zip"));
    }

    private Optional<Map<String, Object>> json(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readValue(read(file), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A CSV file's header and rows. */
    public record Table(List<String> header, List<List<String>> rows) {

        /** The column's values as numbers (NaN where a cell is missing or not a number). */
        public double[] column(String name) {
            int index = header.indexOf(name);
            double[] values = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                values[i] = index >= 0 && index < row.size() ? parse(row.get(index)) : Double.NaN;
            }
            return values;
        }

        private static double parse(String cell) {
            try {
                return Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
