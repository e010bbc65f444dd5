package dev.ariadne.checker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each example history's HTML report, loaded in a real headless Chromium (Debian's {@code chromium},
 * driven over the DevTools protocol): it draws itself, shows the verdict, every operation of every
 * counterexample on the timeline once that counterexample is selected, and every edge of every cycle;
 * it requests nothing but its own file. Screenshots are kept in target/report-screenshots. Skipped,
 * with a message, where Chromium is not installed ({@code .ci/run} installs it).
 */
class HtmlReportBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples", "histories");
    private static final Path OUT = Path.of("target", "html-reports");
    private static DevTools browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(DevTools.available(), "Chromium is not installed at " + DevTools.CHROMIUM + " (apt-get install chromium): the report is not tested in a browser");
        browser = new DevTools(1280, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
    }

    @ParameterizedTest
    @CsvSource({
            "cas-register.edn, linearizable", "register-stale-read.jsonl, linearizable", "register-ok.jsonl, linearizable",
            "sequential-not-linearizable.jsonl, linearizable", "writes-follow-reads-violation.jsonl, writes-follow-reads",
            "pram-violation.jsonl, pram", "list-append-read-skew.edn, all", "list-append-ok.jsonl, all", "h2-read-committed.jsonl, all",
            "kv.json, linearizable", "jepsen.log, linearizable", "kafka-lost-write.edn, log", "broadcast-causal-violation.edn, all",
            "maelstrom-broadcast-lost.edn, fifo-order", "kafka-read-skew.edn, all"})
    void theReportShowsTheVerdictAndEveryCounterexampleInABrowser(String file, String model) throws Exception {
        History h = HistoryReader.read(EXAMPLES.resolve(file), ReadOptions.DEFAULT);
        String json = model.equals("all") ? Reports.json(Ariadne.checkAll(h, CheckRequest.all()), file) : Reports.json(Ariadne.check(h, CheckRequest.of(model)), file);
        JsonNode report = JSON.readTree(json);
        Files.createDirectories(OUT);
        Path page = OUT.resolve(file + ".html").toAbsolutePath();
        Files.writeString(page, HtmlReport.render(h, json));
        String url = page.toUri().toString();

        browser.navigate(url);
        assertThat(browser.eval("document.body.dataset.ready").asText()).as("the page drew itself").isEqualTo("true");
        assertThat(browser.eval("document.querySelector('h1 .verdict').textContent").asText()).isEqualTo(report.get("verdict").asText());
        assertThat(browser.eval("document.querySelectorAll('#ops g.op').length").asInt()).isEqualTo(h.size());

        List<JsonNode> ces = new java.util.ArrayList<>();
        if (report.has("checks")) report.get("checks").forEach(c -> c.path("counterexamples").forEach(ces::add));
        else report.path("counterexamples").forEach(ces::add);
        assertThat(browser.eval("document.querySelectorAll('section.ce').length").asInt()).isEqualTo(ces.size());
        for (int k = 0; k < ces.size(); k++) {
            JsonNode ce = ces.get(k);
            browser.eval("document.querySelector('#ce-" + k + " button.show').click()");
            TreeSet<Long> ops = new TreeSet<>();
            JsonNode one = JSON.createObjectNode().set("counterexamples", JSON.createArrayNode().add(ce));
            ops.addAll(HtmlReport.highlighted(one));
            assertThat(ops).as("counterexample %d names operations", k).isNotEmpty();
            for (long i : ops) {
                // Marked, drawn with a width, and inside the timeline's visible box.
                String visible = "(() => { const g = document.querySelector('#ops g.op[data-index=\"" + i + "\"]'); if (!g) return 'absent';"
                        + " if (!g.classList.contains('marked')) return 'not marked'; const r = g.querySelector('rect').getBoundingClientRect();"
                        + " const s = document.getElementById('timeline').getBoundingClientRect();"
                        + " return r.width > 0 && r.right > s.left && r.left < s.right ? 'visible' : 'outside ' + r.left + '..' + r.right; })()";
                assertThat(browser.eval(visible).asText()).as("%s counterexample %d operation %d", file, k, i).isEqualTo("visible");
            }
            int edges = ce.path("cycle").size();
            assertThat(browser.eval("document.querySelectorAll('#ce-" + k + " path.edge-line').length").asInt()).as("cycle edges drawn").isEqualTo(edges);
            for (int e = 0; e < edges; e++) {
                assertThat(browser.eval("document.querySelector('#ce-" + k + " path.edge-line[data-edge=\"" + e + "\"]').getTotalLength() > 0").asBoolean()).isTrue();
                assertThat(browser.eval("document.querySelector('#ce-" + k + " table.edges').textContent").asText()).contains(ce.get("cycle").get(e).get("reason").asText());
            }
        }
        for (String r : browser.requests()) assertThat(r).as("the page requests nothing but itself").isEqualTo(url);
        browser.screenshot(Path.of("target", "report-screenshots", file + ".png"));
    }
}
