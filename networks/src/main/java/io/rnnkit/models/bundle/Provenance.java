package io.rnnkit.models.bundle;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.config.FlatValues;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a model came from: the rnnkit version that trained it, the task, the seed, the sha256 of each
 * dataset file it saw, when it was created and, if known, the git commit of the code.
 *
 * @param datasetSha256 dataset file name to its lowercase hex sha256
 */
public record Provenance(String rnnkitVersion, String task, long seed, Map<String, String> datasetSha256,
                         Instant created, Optional<String> gitCommit) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String POM_PROPERTIES = "/META-INF/maven/io.rnnkit/rnnkit-networks/pom.properties";
    private static final String VERSION = "rnnkit.version";
    private static final String TASK = "task";
    private static final String SEED = "seed";
    private static final String CREATED = "created";
    private static final String GIT_COMMIT = "git.commit";
    private static final String DATASET_PREFIX = "dataset.sha256.";

    public Provenance {
        requireText(rnnkitVersion, VERSION);
        requireText(task, TASK);
        Objects.requireNonNull(created, CREATED);
        Objects.requireNonNull(gitCommit, GIT_COMMIT);
        SortedMap<String, String> sorted = new TreeMap<>(datasetSha256);
        sorted.forEach((name, sha) -> {
            if (name.isBlank() || sha == null || !SHA256.matcher(sha).matches()) {
                throw new UserInputException(DATASET_PREFIX + name + ": expected 64 lowercase hex digits, got '"
                        + sha + "'");
            }
        });
        datasetSha256 = Collections.unmodifiableSortedMap(sorted);
    }

    /** Provenance for a model created now by this build of rnnkit. */
    public static Provenance now(String task, long seed, Map<String, String> datasetSha256, Optional<String> gitCommit) {
        return new Provenance(runningVersion(), task, seed, datasetSha256, Instant.now(), gitCommit);
    }

    /** The version of the running rnnkit jar, or {@code dev} when running from classes (an IDE or a test). */
    public static String runningVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** The flat key/value form stored as {@code provenance.properties}. */
    public Map<String, String> toMap() {
        Map<String, String> map = new TreeMap<>();
        map.put(VERSION, rnnkitVersion);
        map.put(TASK, task);
        map.put(SEED, Long.toString(seed));
        map.put(CREATED, created.toString());
        gitCommit.ifPresent(commit -> map.put(GIT_COMMIT, commit));
        datasetSha256.forEach((name, sha) -> map.put(DATASET_PREFIX + name, sha));
        return map;
    }

    /** Parses the form written by {@link #toMap()}; errors name the key. */
    public static Provenance fromMap(Map<String, String> map) {
        FlatValues values = new FlatValues(map);
        Map<String, String> datasets = new TreeMap<>();
        map.forEach((key, value) -> {
            if (key.startsWith(DATASET_PREFIX)) {
                datasets.put(key.substring(DATASET_PREFIX.length()), value.trim());
            }
        });
        Instant created;
        try {
            created = Instant.parse(values.text(CREATED));
        } catch (DateTimeParseException e) {
            throw new UserInputException(CREATED + ": expected an ISO-8601 instant, got '" + values.text(CREATED) + "'");
        }
        return new Provenance(values.text(VERSION), values.text(TASK), values.longValue(SEED), datasets, created,
                Optional.ofNullable(values.has(GIT_COMMIT) ? values.text(GIT_COMMIT) : null));
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new UserInputException(key + ": must not be empty");
        }
    }
}
