package dev.ariadne.checker.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.history.EventColumns;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML file for a check's report (after Porcupine's visualization): the verdict,
 * the lattice for a check of every model, a timeline of the operations per process (invocation to
 * completion; ok, fail and info apart; the nemesis's faults as bands) that zooms and pans, and each
 * counterexample highlighted on it, with its partial linearization or its cycle drawn as a graph.
 * Everything is inline (a content security policy forbids any load), so it opens from disk.
 * <p>
 * A large history is not drawn whole: past {@link #FULL_LIMIT} operations the timeline holds the
 * neighbourhood of each counterexample (or, without one, the history's beginning), and says how many
 * operations it left out.
 */
public final class HtmlReport {
    /** Operations drawn in full; past this, only each counterexample's neighbourhood. */
    public static final int FULL_LIMIT = 20_000;
    /** How many events either side of a counterexample its neighbourhood spans. */
    static final int NEIGHBOURHOOD = 200;
    /** How many steps or operations of one counterexample the page lists. */
    static final int LIST_LIMIT = 500;
    /** How much of a value the page keeps (the hover shows this much). */
    static final int VALUE_CHARS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TXN = Pattern.compile("T(\\d+)");

    private HtmlReport() {}

    /** The page for {@code history} and its JSON report ({@link Reports#json}). */
    public static String render(History history, String reportJson) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON report", e);
        }
        ObjectNode data = JSON.createObjectNode();
        List<JsonNode> checks = new ArrayList<>();
        if (report.has("checks")) report.get("checks").forEach(checks::add);
        else checks.add(report);
        for (JsonNode c : checks) for (JsonNode ce : c.path("counterexamples")) trim((ObjectNode) ce);
        data.set("report", report);
        data.set("history", timeline(history, highlighted(report)));
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Inside a script element "</" and "<!--" could end it early: no "<" is left at all.
        json = json.replace("<", "\\u003c");
        String title = "Ariadne: " + report.path("file").asText("history") + " " + report.path("verdict").asText();
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title) + "</title>\n<style>\n" + resource("report.css")
                + "</style>\n</head>\n<body>\n<main id=\"app\"><noscript>This report draws itself with JavaScript; the JSON report holds the same facts.</noscript></main>\n"
                + "<script type=\"application/json\" id=\"data\">" + json + "</script>\n<script>\n" + resource("report.js") + "</script>\n</body>\n</html>\n";
    }

    /**
     * Keeps a counterexample's lists within the page's budget: the last {@link #LIST_LIMIT} steps of a
     * partial linearization (the ones before the stuck operation), the first operations, and a count
     * of what was left out; the ASCII timeline is dropped (the page draws its own).
     */
    private static void trim(ObjectNode ce) {
        ce.remove("timeline");
        JsonNode steps = ce.get("partialLinearization");
        if (steps != null && steps.size() > LIST_LIMIT) {
            ArrayNode kept = JSON.createArrayNode();
            for (int i = steps.size() - LIST_LIMIT; i < steps.size(); i++) kept.add(steps.get(i));
            ce.put("partialLinearizationOmitted", steps.size() - LIST_LIMIT);
            ce.set("partialLinearization", kept);
        }
        for (String list : new String[] {"operations", "transactions"}) {
            JsonNode ops = ce.get(list);
            if (ops == null || ops.size() <= LIST_LIMIT) continue;
            ArrayNode kept = JSON.createArrayNode();
            for (int i = 0; i < LIST_LIMIT; i++) kept.add(ops.get(i));
            ce.put(list + "Omitted", ops.size() - LIST_LIMIT);
            ce.set(list, kept);
        }
    }

    /** The operation indices the counterexamples name (their operations, steps and transactions). */
    static TreeSet<Long> highlighted(JsonNode report) {
        TreeSet<Long> out = new TreeSet<>();
        List<JsonNode> checks = new ArrayList<>();
        if (report.has("checks")) report.get("checks").forEach(checks::add);
        else checks.add(report);
        for (JsonNode c : checks) for (JsonNode ce : c.path("counterexamples")) collect(ce, out);
        return out;
    }

    private static void collect(JsonNode n, TreeSet<Long> out) {
        if (n.isObject()) {
            if (n.has("index") && n.get("index").isIntegralNumber() && n.has("invokePosition")) out.add(n.get("index").asLong());
            if (n.has("name") && n.has("microOps")) {
                Matcher m = TXN.matcher(n.get("name").asText());
                if (m.matches()) out.add(Long.parseLong(m.group(1)));
            }
            n.forEach(c -> collect(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        }
    }

    /** The operations to draw (all, or the neighbourhoods of {@code marked}), the processes and the nemesis's events. */
    static ObjectNode timeline(History h, TreeSet<Long> marked) {
        ObjectNode out = JSON.createObjectNode();
        List<Operation> ops = h.operations();
        boolean[] keep = new boolean[ops.size()];
        int kept = 0;
        if (ops.size() <= FULL_LIMIT) {
            java.util.Arrays.fill(keep, true);
            kept = ops.size();
        } else {
            List<int[]> windows = new ArrayList<>();
            for (Operation o : ops) {
                if (!marked.contains(o.index())) continue;
                int end = o.completePosition() < 0 ? o.invokePosition() : o.completePosition();
                windows.add(new int[] {o.invokePosition() - NEIGHBOURHOOD, end + NEIGHBOURHOOD});
            }
            // With no counterexample to centre on (a VALID or UNKNOWN history), the beginning of the history.
            if (windows.isEmpty()) windows.add(new int[] {0, ops.get(FULL_LIMIT - 1).invokePosition()});
            for (int i = 0; i < ops.size() && kept < FULL_LIMIT; i++) {
                Operation o = ops.get(i);
                int end = o.completePosition() < 0 ? Integer.MAX_VALUE : o.completePosition();
                for (int[] w : windows) {
                    if (o.invokePosition() <= w[1] && end >= w[0] || marked.contains(o.index())) {
                        keep[i] = true;
                        kept++;
                        break;
                    }
                }
            }
        }
        ArrayNode arr = out.putArray("ops");
        for (int i = 0; i < ops.size(); i++) {
            if (!keep[i]) continue;
            Operation o = ops.get(i);
            ObjectNode n = arr.addObject();
            n.put("i", o.index());
            n.put("p", o.process());
            n.put("f", o.f());
            n.put("v", cut(Values.show(o.value())));
            n.put("o", o.outcome().jepsenName());
            n.put("s", o.invokePosition());
            n.put("e", o.completePosition());
            if (o.invoke().time() != Op.NO_TIME) n.put("t0", o.invoke().time());
            if (o.completion() != null && o.completion().time() != Op.NO_TIME) n.put("t1", o.completion().time());
        }
        out.put("operations", ops.size());
        out.put("omitted", ops.size() - kept);
        out.put("events", h.events().size());
        out.put("realTimeKnown", h.realTimeKnown());
        ArrayNode procs = out.putArray("processes");
        for (int p = 0; p < h.processCount(); p++) {
            JsonNode name = h.processName(p);
            procs.add(name == null ? "?" + p : Values.show(name));
        }
        // Event indices are unique in a history: they find each nemesis event's position.
        Map<Long, Integer> position = new HashMap<>();
        for (Op n : h.nemesisEvents()) position.put(n.index(), -1);
        EventColumns events = h.events();
        for (int i = 0; i < events.size(); i++) if (position.containsKey(events.index(i))) position.put(events.index(i), i);
        ArrayNode nemesis = out.putArray("nemesis");
        for (Op n : h.nemesisEvents()) {
            ObjectNode e = nemesis.addObject();
            e.put("s", position.get(n.index()));
            e.put("f", n.f());
            e.put("v", cut(Values.show(n.value())));
            e.put("type", n.type().jepsenName());
        }
        return out;
    }

    private static String cut(String s) {
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
