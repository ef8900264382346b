package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarDownloadProgressTest {

    @Test
    void drawsOneBarPerFileAndFinishesAtTheFullSize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBarDownloadProgress progress = new ProgressBarDownloadProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            progress.update("ptb.zip", 1L << 20, 4L << 20);
            progress.update("ptb.zip", 4L << 20, 4L << 20);
            progress.update("input.txt", 512, 1024);
            progress.update("input.txt", 1024, 1024);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("ptb.zip").contains("input.txt").contains("100%");
    }
}
