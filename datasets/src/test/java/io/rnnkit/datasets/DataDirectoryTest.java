package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void explicitPathWinsOverEnvironment() {
        DataDirectory dir = DataDirectory.resolve(Path.of("/data/explicit"), Map.of("RNNKIT_DATA", "/data/env"), HOME);
        assertThat(dir.root()).isEqualTo(Path.of("/data/explicit"));
        assertThat(dir.origin()).isEqualTo("--data-dir");
    }

    @Test
    void environmentWinsOverDefault() {
        DataDirectory dir = DataDirectory.resolve(null, Map.of("RNNKIT_DATA", "/data/env"), HOME);
        assertThat(dir.root()).isEqualTo(Path.of("/data/env"));
        assertThat(dir.origin()).isEqualTo("RNNKIT_DATA");
    }

    @Test
    void blankEnvironmentFallsBackToHomeDefault() {
        DataDirectory dir = DataDirectory.resolve(null, Map.of("RNNKIT_DATA", "  "), HOME);
        assertThat(dir.root()).isEqualTo(Path.of("/home/someone/.rnnkit/data"));
        assertThat(DataDirectory.resolve(null, Map.of(), HOME).root()).isEqualTo(Path.of("/home/someone/.rnnkit/data"));
    }

    @Test
    void filesResolveUnderTheRoot() {
        DataDirectory dir = DataDirectory.of(Path.of("/data"));
        assertThat(dir.file("ptb/ptb.train.txt")).isEqualTo(Path.of("/data/ptb/ptb.train.txt"));
    }
}
