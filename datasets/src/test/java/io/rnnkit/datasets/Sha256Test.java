package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path temp;

    @Test
    void matchesTheFips180KnownAnswer() throws Exception {
        Path file = Files.writeString(temp.resolve("abc.txt"), "abc");
        assertThat(Sha256.of(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(temp.resolve("empty"));
        assertThat(Sha256.of(file)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
