package io.rnnkit.apps.tasks;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Sha256;
import java.io.IOException;
import java.nio.file.Path;

/** The sha256 of a user's own data file, for a run's provenance. */
final class Checksums {

    private Checksums() {
    }

    static String of(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UserInputException("--corpus: cannot read " + file + ": " + e.getMessage());
        }
    }
}
