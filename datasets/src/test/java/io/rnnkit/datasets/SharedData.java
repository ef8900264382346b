package io.rnnkit.datasets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real corpora for tests: {@code RNNKIT_DATA}, skipping with a printed reason when unset.
 * Every skip message names RNNKIT_DATA: {@code .ci/check-corpus-skips} counts such skips and fails
 * CI when they happen with RNNKIT_DATA set.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The directory named by {@code RNNKIT_DATA}; skips the calling test when it is unset or absent. */
    public static Path requireDataDirectory() {
        String env = System.getenv(DataDirectory.ENV_VARIABLE);
        String reason = "RNNKIT_DATA is not set; set it to ../shared/data to run the tests on real corpora";
        if (env == null || env.isBlank()) {
            System.err.println("Skipping: " + reason);
        }
        assumeTrue(env != null && !env.isBlank(), reason);
        Path dir = Path.of(env);
        boolean present = Files.isDirectory(dir);
        if (!present) {
            System.err.println("Skipping: RNNKIT_DATA=" + env + " is not a directory");
        }
        assumeTrue(present, "RNNKIT_DATA=" + env + " is not a directory");
        return dir;
    }

    /**
     * A directory of real corpora to serve in download tests: {@code RNNKIT_DATA}, else
     * {@code ../shared/data} from the project root; skips the calling test when neither exists.
     */
    public static Path requireServableDirectory() {
        String env = System.getenv(DataDirectory.ENV_VARIABLE);
        for (Path candidate : new Path[] {
                env == null || env.isBlank() ? null : Path.of(env),
                Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data")}) {
            if (candidate != null && Files.isRegularFile(candidate.resolve("timemachine/timemachine.txt"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        System.err.println("Skipping: no corpus directory to serve (set RNNKIT_DATA to ../shared/data)");
        assumeTrue(false, "no corpus directory to serve (set RNNKIT_DATA to ../shared/data)");
        return null;
    }
}
