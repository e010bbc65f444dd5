package dev.ariadne.checker.report;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report's content without a browser: self-contained, escaped, and within its size budget. */
class HtmlReportTest {
    private static History read(String s) throws Exception {
        return HistoryReader.readString(s, ReadOptions.DEFAULT);
    }

    @Test
    void aLargeHistoryKeepsEachCounterexamplesNeighbourhoodAndSaysWhatItLeftOut() throws Exception {
        StringBuilder sb = new StringBuilder();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            int p = i % 4;
            sb.append("{\"type\":\"invoke\",\"process\":").append(p).append(",\"f\":\"write\",\"value\":").append(i).append("}\n");
            sb.append("{\"type\":\"ok\",\"process\":").append(p).append(",\"f\":\"write\",\"value\":").append(i).append("}\n");
        }
        History h = read(sb.toString());
        // A report whose counterexample names two operations far apart, with a long partial linearization.
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            steps.append(i == 0 ? "" : ",").append("{\"op\":{\"index\":").append(2 * i).append(",\"process\":\"0\",\"description\":\"write\",\"outcome\":\"ok\",")
                    .append("\"invokePosition\":").append(2 * i).append(",\"completePosition\":").append(2 * i + 1).append("},\"stateAfter\":\"").append(i).append("\"}");
        }
        String json = "{\"report\":\"check\",\"model\":\"linearizable\",\"verdict\":\"INVALID\",\"counterexamples\":[{\"kind\":\"nonlinearizable\",\"operations\":["
                + "{\"index\":20,\"process\":\"2\",\"description\":\"write 10\",\"outcome\":\"ok\",\"invokePosition\":20,\"completePosition\":21},"
                + "{\"index\":150000,\"process\":\"0\",\"description\":\"write 75000\",\"outcome\":\"ok\",\"invokePosition\":150000,\"completePosition\":150001}],"
                + "\"partialLinearization\":[" + steps + "],\"timeline\":\"" + "x".repeat(100_000) + "\"}]}";
        String page = HtmlReport.render(h, json);
        System.out.printf("HTML report of %d operations: %,d bytes%n", h.size(), page.length());
        assertThat(page.length()).as("bytes").isLessThan(1 << 20);
        assertThat(page).contains("\"omitted\":").doesNotContain("\"omitted\":0,").contains("\"partialLinearizationOmitted\":2500").doesNotContain("xxxxxxxx");
        // Both neighbourhoods are drawn: the operations named and their neighbours, not the middle.
        assertThat(page).contains("\"i\":20,").contains("\"i\":150000,").contains("\"i\":150100,").contains("\"i\":30,").doesNotContain("\"i\":80000,");
        // Without a counterexample, the beginning of the history, within the same budget.
        String valid = HtmlReport.render(h, "{\"report\":\"check\",\"model\":\"linearizable\",\"verdict\":\"VALID\",\"counterexamples\":[]}");
        assertThat(valid.length()).isLessThan(4 << 20);
        assertThat(valid).contains("\"i\":0,").contains("\"i\":10000,").doesNotContain("\"i\":150000,").contains("\"omitted\":80000");
    }

    @Test
    void valuesCannotBreakOutOfThePageOrLoadAnything() throws Exception {
        History h = read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":\"</script><script src=http://evil/x.js></script>\"}\n"
                + "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":\"</script><script src=http://evil/x.js></script>\"}\n");
        String page = HtmlReport.render(h, Reports.json(Ariadne.check(h, CheckRequest.of("linearizable")), "<b>x</b>.jsonl"));
        assertThat(page).doesNotContain("</script><script src").doesNotContain("<b>x</b>");
        assertThat(page).contains("Content-Security-Policy\" content=\"default-src 'none'");
        assertThat(page.split("<script").length - 1).as("script elements: the data and the code").isEqualTo(2);
    }
}
