package io.rnnkit.datasets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The directory that holds the corpora: an explicit path ({@code --data-dir}), else the
 * {@code RNNKIT_DATA} environment variable, else {@code ~/.rnnkit/data}.
 */
public final class DataDirectory {

    /** The environment variable that names the data directory. */
    public static final String ENV_VARIABLE = "RNNKIT_DATA";

    private final Path root;
    private final String origin;

    private DataDirectory(Path root, String origin) {
        this.root = root.toAbsolutePath().normalize();
        this.origin = origin;
    }

    /** A data directory at exactly this path. */
    public static DataDirectory of(Path root) {
        return new DataDirectory(Objects.requireNonNull(root, "root"), "explicit path");
    }

    /**
     * Resolves the data directory.
     *
     * @param explicit the {@code --data-dir} value, or {@code null} when not given
     * @param environment the process environment (pass {@code System.getenv()} in production)
     * @param userHome the user's home directory, for the default
     */
    public static DataDirectory resolve(Path explicit, Map<String, String> environment, Path userHome) {
        if (explicit != null) {
            return new DataDirectory(explicit, "--data-dir");
        }
        String fromEnv = environment.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv.trim()), ENV_VARIABLE);
        }
        return new DataDirectory(userHome.resolve(".rnnkit").resolve("data"), "default ~/.rnnkit/data");
    }

    /** Resolves from the real environment and {@code user.home}. */
    public static DataDirectory resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The absolute, normalized directory. */
    public Path root() {
        return root;
    }

    /** Where the choice came from ({@code --data-dir}, {@code RNNKIT_DATA} or the default), for messages. */
    public String origin() {
        return origin;
    }

    /** The path of a file given relative to the data directory, such as {@code ptb/ptb.train.txt}. */
    public Path file(String relativePath) {
        return root.resolve(relativePath).normalize();
    }

    @Override
    public String toString() {
        return root + " (" + origin + ")";
    }
}
