package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.VerificationCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rnnkit only reads its data directory, even a writable one: the sha256 verification state lives in rnnkit's
 * state directory ({@code RNNKIT_HOME}, which the build points under {@code target}).
 */
class DataDirectoryReadOnlyTest {

    @TempDir
    Path dir;

    @Test
    void trainingOnAWritableDataDirectoryWritesNothingIntoIt() throws Exception {
        String corpora = System.getenv(DataDirectory.ENV_VARIABLE);
        Assumptions.assumeTrue(corpora != null && Files.isDirectory(Path.of(corpora)),
                "RNNKIT_DATA is not set to the corpora directory; skipping the data-directory check");
        Path data = Files.createDirectories(dir.resolve("data/synthetic_control"));
        Files.copy(Path.of(corpora, "synthetic_control", "synthetic_control.data"),
                data.resolve("synthetic_control.data"));
        List<Path> before = files(dir.resolve("data"));

        Result result = RnnkitCliTest.run("train", "uci", "--epochs", "1", "--data-dir", dir.resolve("data").toString(),
                "--out", dir.resolve("run").toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(files(dir.resolve("data"))).isEqualTo(before);
        assertThat(VerificationCache.inStateDirectory().cacheFile()).content()
                .contains(data.resolve("synthetic_control.data").toAbsolutePath().toString());
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
    }
}
