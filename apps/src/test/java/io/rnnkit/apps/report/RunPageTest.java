package io.rnnkit.apps.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPageTest {

    @TempDir
    Path run;

    private void writeRun(boolean finished) throws IOException {
        Files.writeString(run.resolve("run.properties"), "task=char-lm\ntrain.epochs=4\nmodel.hidden=256\n"
                + "data.corpus=timemachine\nexec.workers=1\n");
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,lr,train_loss,validation_metric,seconds,items_per_second\n"
                + "1,10,0.5,2.5,12.0,3.1,9000\n2,20,0.5,2.0,NaN,6.2,9100\n3,30,0.5,1.5,8.0,9.3,9200\n");
        if (finished) {
            Files.writeString(run.resolve("summary.json"), "{\"task\":\"char-lm\",\"metric\":\"perplexity\","
                    + "\"value\":7.5,\"wallSeconds\":9.3,\"versions\":{\"java\":\"17\"}}");
            Files.writeString(run.resolve("sample.txt"), "time traveller <b>said</b>\n");
            Files.writeString(run.resolve("environment.json"), "{\"blasCore\":\"Haswell\",\"kernelThreads\":2}");
        }
    }

    @Test
    void finishedRunHasPlanMetricsCurvesSampleAndEnvironment() throws IOException {
        writeRun(true);

        String html = Files.readString(new RunPage(run, null).write());

        assertThat(html).contains("finished: 3 of 4 epochs, 9.3 s").contains("test perplexity: 7.5000")
                .contains("<td class=\"key\">hidden</td><td class=\"key\">256</td>")
                .contains("validation perplexity")
                .contains("time traveller &lt;b&gt;said&lt;/b&gt;")
                .contains("<td class=\"key\">blasCore</td><td class=\"key\">Haswell</td>")
                .doesNotContain("<script").doesNotContainPattern("(src|href)=\"https?:");
        assertThat(count(html, "<tr><td>")).isEqualTo(3);
        assertThat(count(html, "<svg class=\"curve\"")).isEqualTo(3);
        // The validation curve leaves out the NaN of epoch 2: two points.
        Matcher polylines = Pattern.compile("<polyline class=\"line\" points=\"([^\"]*)\"").matcher(html);
        int[] points = polylines.results().mapToInt(m -> m.group(1).split(" ").length).toArray();
        assertThat(points).containsExactly(3, 2, 3);
    }

    @Test
    void unfinishedRunSaysSoAndNamesNoEnvironment() throws IOException {
        writeRun(false);

        String html = Files.readString(new RunPage(run, "perplexity").write());

        assertThat(html).contains("not finished: 3 of 4 epochs").contains("validation perplexity")
                .contains("Not recorded").doesNotContain("id=\"headline\"").doesNotContain("id=\"sample\"");
    }

    @Test
    void runWithoutEpochsDrawsEmptyCharts() throws IOException {
        Files.writeString(run.resolve("run.properties"), "task=waves\n");

        String html = Files.readString(new RunPage(run, "accuracy").write());

        assertThat(html).contains("No epoch has finished yet.");
        assertThat(count(html, "no values yet")).isEqualTo(3);
    }

    @Test
    void directoryWithoutPlanIsRefused() {
        assertThatThrownBy(() -> new RunPage(run, null)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("is not an rnnkit run directory");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
