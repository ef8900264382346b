package io.rnnkit.core.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void writesReadablePngsOfTheExpectedSize() throws Exception {
        Path lines = dir.resolve("loss.png");
        Path regression = dir.resolve("predicted.png");
        Path confusion = dir.resolve("confusion.png");

        Charts.lines(lines, "loss", "epoch", "loss", new double[] {1, 2, 3},
                Map.of("train", new double[] {3, 2, 1}, "valid", new double[] {3.5, 2.5, 2}));
        Charts.predictedVsTrue(regression, "sin", new double[] {0, 1, 0}, new double[] {0.1, 0.9, 0});
        Charts.confusionMatrix(confusion, "confusion", new int[][] {{5, 1}, {0, 6}}, List.of("sine", "square"));

        for (Path png : List.of(lines, regression, confusion)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
            assertThat(Files.size(png)).isGreaterThan(2000);
        }
    }

    /** A plot is renamed into place, as the other run files are: a kill mid-write never leaves half a PNG. */
    @Test
    void replacesAPlotByRenamingACompleteFileIntoPlace() throws Exception {
        Path png = dir.resolve("loss.png");
        Charts.lines(png, "loss", "epoch", "loss", new double[] {1, 2}, Map.of("train", new double[] {3, 2}));
        Object firstFile = Files.getAttribute(png, "unix:ino");

        Charts.lines(png, "loss", "epoch", "loss", new double[] {1, 2, 3}, Map.of("train", new double[] {3, 2, 1}));

        assertThat(Files.getAttribute(png, "unix:ino")).as("a new file, not the old one rewritten").isNotEqualTo(firstFile);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("loss.png");
        }
    }
}
