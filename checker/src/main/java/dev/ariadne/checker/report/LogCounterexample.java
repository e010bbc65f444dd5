package dev.ariadne.checker.report;

import java.util.List;

/**
 * One error of a log, with the few operations that prove it.
 *
 * @param anomaly    what is wrong
 * @param key        the key (topic-partition)
 * @param values     the messages involved, as the history writes them
 * @param operations the operations that show it, in history order
 * @param explanation one paragraph a person can follow against those operations
 * @param allowed    whether the log's promise allows it (it is then reported, not counted as a violation)
 */
public record LogCounterexample(LogAnomaly anomaly, String key, List<String> values, List<OpView> operations, String explanation,
                                boolean allowed) implements Counterexample {
    @Override
    public String kind() {
        return anomaly.jepsenName();
    }
}
