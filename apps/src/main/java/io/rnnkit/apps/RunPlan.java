package io.rnnkit.apps;

import io.rnnkit.apps.tasks.TaskOptions;
import io.rnnkit.core.UserInputException;
import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.AtomicFiles;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.models.spec.ModelSpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything that defines a run (task, data options, model spec, training config, and where it trains),
 * saved as {@code run.properties} in the run directory so that {@code --resume} rebuilds the same run.
 */
record RunPlan(String task, TaskOptions options, ModelSpec spec, TrainingConfig training, ExecutionConfig execution) {

    static final String FILE_NAME = "run.properties";
    private static final String DATA = "data.";
    private static final String MODEL = "model.";
    private static final String TRAIN = "train.";
    private static final String EXECUTION = "exec.";

    /** The training config and data options as one flat map, the form saved inside model bundles. */
    Map<String, String> trainingAndData() {
        Map<String, String> map = new LinkedHashMap<>(training.toMap());
        options.toMap().forEach((key, value) -> map.put(DATA + key, value));
        return map;
    }

    void save(Path runDirectory) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("task", task);
        options.toMap().forEach((key, value) -> properties.setProperty(DATA + key, value));
        spec.toMap().forEach((key, value) -> properties.setProperty(MODEL + key, value));
        training.toMap().forEach((key, value) -> properties.setProperty(TRAIN + key, value));
        execution.toMap().forEach((key, value) -> properties.setProperty(EXECUTION + key, value));
        StringWriter text = new StringWriter();
        properties.store(text, "rnnkit run: the task, data, model and training settings of this run");
        AtomicFiles.writeString(runDirectory.resolve(FILE_NAME), text.toString());
    }

    static RunPlan load(Path runDirectory, Path dataDir) {
        Path file = runDirectory.resolve(FILE_NAME);
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new UserInputException("--resume: cannot read " + file + " (" + e.getMessage()
                    + "); is " + runDirectory + " an rnnkit run directory?");
        }
        String task = properties.getProperty("task");
        if (task == null) {
            throw new UserInputException("--resume: " + file + " names no task");
        }
        return new RunPlan(task, TaskOptions.fromMap(section(properties, DATA), dataDir),
                ModelSpec.fromMap(section(properties, MODEL)), TrainingConfig.fromMap(section(properties, TRAIN)),
                ExecutionConfig.fromMap(section(properties, EXECUTION)));
    }

    /** Data options saved inside a bundle's training map by {@link #trainingAndData()}. */
    static TaskOptions optionsFromBundle(Map<String, String> trainingAndData, Path dataDir) {
        Map<String, String> data = new TreeMap<>();
        trainingAndData.forEach((key, value) -> {
            if (key.startsWith(DATA)) {
                data.put(key.substring(DATA.length()), value);
            }
        });
        return TaskOptions.fromMap(data, dataDir);
    }

    private static Map<String, String> section(Properties properties, String prefix) {
        Map<String, String> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                map.put(name.substring(prefix.length()), properties.getProperty(name));
            }
        }
        return map;
    }
}
