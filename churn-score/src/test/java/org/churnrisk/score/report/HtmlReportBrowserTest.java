package org.churnrisk.score.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the sample book's {@code report.html} (the golden copy that {@code SampleBookGoldenTest}
 * in churn-cli keeps equal to what {@code churn score} writes) in headless Chromium: a screenshot,
 * no script or console error, a visible data mark in every chart, no text cut off. Skipped when
 * {@code /usr/bin/chromium} is missing, unless {@code CHURN_BROWSER_CHECK=required}.
 */
class HtmlReportBrowserTest {
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path PAGE = MODULE.resolve("../churn-cli/src/test/resources/golden/sample-book/report.html").normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHURN_CHROMIUM", "/usr/bin/chromium"));

    /** Runs in the page after it is laid out; its verdict goes into the body's data-check attribute. */
    static final String CHECK = """
            <script>
            (function () {
              var charts = document.querySelectorAll('figure.chart');
              var empty = [];
              charts.forEach(function (f, i) {
                var visible = Array.prototype.filter.call(f.querySelectorAll('svg .mark'), function (m) {
                  var b = m.getBoundingClientRect(); return b.width > 0 && b.height > 0;
                });
                if (visible.length === 0) { empty.push(i + ': ' + (f.querySelector('svg') || f).getAttribute('aria-label')); }
              });
              var cut = [];
              document.querySelectorAll('h1, h2, p, li, td, th, dt, dd, figcaption, .tile .value, .tile .sub, .tile .label')
                .forEach(function (e) {
                  if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) { cut.push(e.tagName + ': ' + e.textContent.slice(0, 60)); }
                });
              var wide = document.documentElement.scrollWidth > window.innerWidth + 1;
              document.body.setAttribute('data-check', JSON.stringify({charts: charts.length, empty: empty, cut: cut,
                pageWiderThanWindow: wide, errors: window.__errors}));
            })();
            </script>
            """;
    static final String CATCH = "<script>window.__errors = []; window.addEventListener('error', function (e) {"
            + " window.__errors.push(String(e.message)); });</script>";

    @TempDir
    static Path dir;
    static String dom;
    static String stderr;
    static Path png;

    @BeforeAll
    static void render() throws Exception {
        boolean required = "required".equals(System.getenv("CHURN_BROWSER_CHECK"));
        if (!Files.isExecutable(CHROMIUM)) {
            assertThat(required).as("CHURN_BROWSER_CHECK=required but %s is missing (apt-get install -y chromium)",
                    CHROMIUM).isFalse();
            Assumptions.abort("no Chromium at " + CHROMIUM);
        }
        String html = Files.readString(PAGE, StandardCharsets.UTF_8);
        Path page = dir.resolve("report.html");
        Files.writeString(page, html.replace("<head>\n", "<head>\n" + CATCH + "\n").replace("</body>", CHECK + "</body>"),
                StandardCharsets.UTF_8);
        Result dumped = chromium("dump", "--window-size=1280,900", "--dump-dom", page.toUri().toString());
        dom = dumped.out();
        stderr = dumped.err();
        png = dir.resolve("report.png");
        chromium("shot", "--window-size=1280,4000", "--screenshot=" + png, "--hide-scrollbars",
                Files.writeString(dir.resolve("plain.html"), html, StandardCharsets.UTF_8).toUri().toString());
    }

    record Result(String out, String err) {
    }

    static Result chromium(String name, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile-" + name))));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertThat(p.exitValue()).as("chromium %s: %s", cmd, Files.readString(err)).isZero();
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static String check() {
        int at = dom.indexOf("data-check=\"");
        assertThat(at).as("the check script did not run: %s", stderr).isPositive();
        return dom.substring(at + 12, dom.indexOf('"', at + 12)).replace("&quot;", "\"");
    }

    @Test
    void thePageHasFiveChartsEachWithData() {
        assertThat(check()).contains("\"charts\":5").contains("\"empty\":[]");
    }

    @Test
    void noTextIsCutOff() {
        assertThat(check()).contains("\"cut\":[]").contains("\"pageWiderThanWindow\":false");
    }

    @Test
    void noScriptOrConsoleError() {
        assertThat(check()).contains("\"errors\":[]");
        assertThat(stderr.lines().filter(l -> l.contains("CONSOLE")).toList()).isEmpty();
    }

    @Test
    void theScreenshotIsAPng() throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
