package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training through the CLI reaches the quality floor of single-machine training
 * (TaskFloorsTest: lsb-first addition, every held-out sum right in at least 99% of cases), and the run
 * remembers where it trained.
 */
@Tag("slow")
class DistributedTrainingTest {

    private static final Pattern ACCURACY = Pattern.compile("addition: test accuracy (\\d+\\.\\d+)");

    @TempDir
    Path dir;

    private double trainAddition(String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 4];
        args[0] = "train";
        args[1] = "addition";
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        Result result = RnnkitCliTest.run(args);
        assertThat(result.status()).as(result.err()).isZero();
        Matcher accuracy = ACCURACY.matcher(result.out());
        assertThat(accuracy.find()).as(result.out()).isTrue();
        assertThat(out.resolve("model.zip")).exists();
        assertThat(Files.readString(out.resolve(RunPlan.FILE_NAME))).contains("exec.workers=", "exec.spark=");
        return Double.parseDouble(accuracy.group(1));
    }

    @Test
    void twoParallelWrapperWorkersLearnAddition() throws Exception {
        assertThat(trainAddition("workers", "--workers", "2", "--epochs", "2")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void sparkInLocalModeLearnsAddition() throws Exception {
        assertThat(trainAddition("spark", "--spark", "local[2]", "--epochs", "4")).isGreaterThanOrEqualTo(0.99);
        assertThat(Files.readString(dir.resolve("spark").resolve(RunPlan.FILE_NAME))).contains("exec.spark=local[2]");
    }
}
