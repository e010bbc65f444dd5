package dev.ariadne.checker.report;

import java.util.List;

/**
 * A broadcast or mailbox violation with the operations that prove it: for an order violation, the
 * sends that fix the order and the deliveries that break it.
 *
 * @param anomaly     what is wrong
 * @param messages    the messages involved, as the history writes them
 * @param operations  the operations that show it, in history order
 * @param explanation one paragraph a person can follow against those operations
 */
public record BroadcastCounterexample(BroadcastAnomaly anomaly, List<String> messages, List<OpView> operations, String explanation)
        implements Counterexample {
    @Override
    public String kind() {
        return anomaly.cliName();
    }
}
