package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished run's report.html, loaded in headless Chromium: no errors, the metrics and curves there, not blank. */
@Tag("slow")
class ReportInBrowserTest {

    @TempDir
    Path dir;

    static Path chromium() {
        Assumptions.assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed (apt-get install chromium; .ci/run installs it)");
        return HeadlessChromium.executable().get();
    }

    @Test
    void finishedRunsReportShowsMetricsCurvesAndConfusionMatrixWithoutErrors() throws Exception {
        Path chromium = chromium();
        Path run = dir.resolve("waves");
        Result result = RnnkitCliTest.run("train", "waves", "--epochs", "3", "--out", run.toString());
        assertThat(result.status()).as(result.err()).isZero();
        Path report = run.resolve("report.html");
        assertThat(Files.readString(report)).doesNotContainPattern("(src|href)=\"(https?:|//)").doesNotContain("<script");

        try (HeadlessChromium browser = HeadlessChromium.start(chromium, dir)) {
            browser.load(report.toUri().toString());

            assertThat(browser.problems()).isEmpty();
            assertThat(browser.evaluate("document.querySelectorAll('#metrics tr').length").asInt()).isEqualTo(4);
            assertThat(browser.evaluate("document.querySelectorAll('#curves svg').length").asInt()).isEqualTo(3);
            assertThat(browser.evaluate("document.querySelector('#curves svg polyline').points.numberOfItems").asInt())
                    .isEqualTo(3);
            assertThat(browser.evaluate("document.getElementById('task-plot').naturalWidth").asInt()).isEqualTo(800);
            assertThat(browser.evaluate("document.getElementById('headline').textContent").asText())
                    .startsWith("test accuracy: ");
            assertThat(browser.evaluate("document.getElementById('environment').textContent").asText())
                    .contains("blasCore").contains("kernelThreads");
            assertThat(HeadlessChromium.greyLevelSpread(browser.screenshot())).isGreaterThan(20);
        }
    }

    @Test
    void theBrowserCheckSeesConsoleErrorsAndFailedLoads() throws Exception {
        Path chromium = chromium();
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"missing.png\">"
                + "<script>console.error('boom')</script></body></html>");

        try (HeadlessChromium browser = HeadlessChromium.start(chromium, dir)) {
            browser.load(page.toUri().toString());

            assertThat(browser.problems()).anyMatch(problem -> problem.contains("boom"))
                    .anyMatch(problem -> problem.contains("missing.png"));
            assertThat(HeadlessChromium.greyLevelSpread(browser.screenshot())).isLessThan(1);
        }
    }
}
