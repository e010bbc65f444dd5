package dev.ariadne.checker.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.checker.report.Reports;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One report for a history checked component by component: the verdict is the conjunction of the
 * components' (INVALID beats UNKNOWN beats VALID), and each component that is not VALID keeps the
 * library's own report, counterexamples re-verified and witnesses certified there.
 *
 * @param file        the history's path
 * @param model       the model checked
 * @param datatype    the datatype used
 * @param inferred    whether the datatype was inferred
 * @param verdict     the history's verdict
 * @param operations  client operations checked
 * @param events      lines read as events
 * @param components  components checked
 * @param joined      components that join two or more keys (transactions, multi-key operations)
 * @param notValid    the components that are not VALID, first by verdict (INVALID first), then by name
 * @param checkNanos  the time spent in the library's checks, summed over the components
 * @param wallNanos   the whole run, on the clock of the machine that gathers the outcomes
 * @param where       where the components were checked ("on Apache Spark", "on this machine, one part at a time")
 */
public record SplitResult(String file, String model, String datatype, boolean inferred, Verdict verdict, long operations, long events,
                          int components, int joined, List<ComponentOutcome> notValid, long checkNanos, long wallNanos, String where) {

    /**
     * Gathers the outcomes of every component. Throws {@link HistoryException} when a component could
     * not be read (its errors, lines of the file) or when no component held a client operation.
     */
    public static SplitResult of(String file, String model, String datatype, boolean inferred, List<ComponentOutcome> outcomes,
                                 long events, int joined, long wallNanos, String where) throws HistoryException {
        List<HistoryError> errors = new ArrayList<>();
        int total = 0;
        long operations = 0, nanos = 0;
        Verdict verdict = Verdict.VALID;
        List<ComponentOutcome> notValid = new ArrayList<>();
        for (ComponentOutcome o : outcomes) {
            if (o.unusable()) {
                for (String e : o.errors()) {
                    String[] f = e.split("\t", 3);
                    errors.add(new HistoryError(file, Integer.parseInt(f[0]), Integer.parseInt(f[1]), -1, f[2]));
                }
                total += o.errorCount();
                continue;
            }
            operations += o.operations();
            nanos += o.nanos();
            verdict = verdict.and(o.verdict());
            if (o.verdict() != Verdict.VALID) notValid.add(o);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(HistoryError::line));
            throw new HistoryException(errors.subList(0, Math.min(errors.size(), HistoryException.MAX_ERRORS)), Math.max(total, errors.size()));
        }
        if (operations == 0) {
            throw new HistoryException(new HistoryError(file, 0, 0, -1, "no client operations were read (" + events + " events): nothing to check"));
        }
        notValid.sort(Comparator.comparing(ComponentOutcome::verdict).thenComparing(ComponentOutcome::component));
        return new SplitResult(file, model, datatype, inferred, verdict, operations, events, outcomes.size(), joined,
                List.copyOf(notValid), nanos, wallNanos, where);
    }

    /** The exit code {@code ariadne check} gives the same verdict: 0, 1 or 2. */
    public int exitCode() {
        return verdict.exitCode();
    }

    /** The components that are INVALID, by name. */
    public List<String> invalidComponents() {
        List<String> out = new ArrayList<>();
        for (ComponentOutcome o : notValid) if (o.verdict() == Verdict.INVALID) out.add(label(o));
        return out;
    }

    /** A component as a person reads it: its smallest key, and how many keys it joins. */
    public static String label(ComponentOutcome o) {
        if (o.component().equals(SplitPlan.KEYLESS)) return "(operations without a key)";
        String key;
        try {
            key = Values.show(MAPPER.readTree(o.component()));
        } catch (java.io.IOException e) {
            key = o.component();
        }
        return o.keys() > 1 ? key + " and " + (o.keys() - 1) + " more keys" : key;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String summary() {
        return switch (verdict) {
            case VALID -> (components == 1 ? "the one component is " : "all " + components + " components are ") + model + ": " + operations + " operations";
            case INVALID -> invalidComponents().size() + " of " + components(components) + " violate" + (invalidComponents().size() == 1 ? "s " : " ") + model
                    + ": " + String.join(", ", first(invalidComponents()));
            case UNKNOWN -> notValid.size() + " of " + components(components) + (notValid.size() == 1 ? " is" : " are") + " undecided, none violates " + model;
        };
    }

    private static String components(int n) {
        return n + (n == 1 ? " component" : " components");
    }

    private static List<String> first(List<String> names) {
        if (names.size() <= 5) return names;
        List<String> out = new ArrayList<>(names.subList(0, 5));
        out.add("... (" + names.size() + " in all)");
        return out;
    }

    /** The report as text: the verdict and figures, then each component that is not VALID with the library's report. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("file:       ").append(file).append('\n');
        sb.append("model:      ").append(model).append('\n');
        sb.append("datatype:   ").append(datatype).append(inferred ? " (inferred)" : "").append('\n');
        sb.append("verdict:    ").append(verdict).append('\n');
        sb.append("summary:    ").append(summary()).append('\n');
        sb.append("checked:    ").append(operations).append(" operations in ").append(components(components));
        if (joined > 0) sb.append(" (").append(joined).append(" join several keys)");
        sb.append(", ").append(where).append("; ").append(String.format("%.1f s of checks, %.1f s in all", checkNanos / 1e9, wallNanos / 1e9)).append('\n');
        for (ComponentOutcome o : notValid) {
            sb.append("\n== component ").append(label(o)).append(": ").append(o.verdict()).append(" ==\n").append(o.text());
        }
        return sb.toString();
    }

    /** The report as JSON: the figures, and each component that is not VALID with the library's JSON report. */
    public String json() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", Reports.SCHEMA_VERSION);
        o.put("file", file);
        o.put("model", model);
        o.put("datatype", datatype);
        o.put("datatypeInferred", inferred);
        o.put("verdict", verdict.name());
        o.put("exitCode", exitCode());
        o.put("summary", summary());
        o.put("operations", operations);
        o.put("events", events);
        o.put("components", components);
        o.put("componentsJoiningKeys", joined);
        o.put("checkMillis", checkNanos / 1_000_000);
        o.put("wallMillis", wallNanos / 1_000_000);
        ArrayNode parts = o.putArray("notValid");
        for (ComponentOutcome c : notValid) {
            ObjectNode p = parts.addObject();
            p.put("component", label(c));
            p.put("keys", c.keys());
            p.put("operations", c.operations());
            p.put("verdict", c.verdict().name());
            if (c.detail() != null) p.put("detail", c.detail());
            try {
                JsonNode report = MAPPER.readTree(c.json());
                p.set("report", report);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the library wrote a report that is not JSON", e);
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
