package dev.ariadne.checker.model;

import dev.ariadne.checker.broadcast.BroadcastChecker;
import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.report.CheckResult;

/** The message-order family: fifo-order, causal-order (broadcast and mailbox) and total-order (broadcast), by {@link BroadcastChecker}. */
final class MessagesFamily {
    private MessagesFamily() {}

    static void register(CheckRegistry r) {
        r.register(ConsistencyModel.FIFO_ORDER, check(BroadcastChecker.Order.FIFO, false));
        r.register(ConsistencyModel.CAUSAL_ORDER, check(BroadcastChecker.Order.CAUSAL, false));
        r.register(ConsistencyModel.TOTAL_ORDER, check(BroadcastChecker.Order.TOTAL, true));
    }

    private static Check check(BroadcastChecker.Order order, boolean broadcastOnly) {
        return new Check() {
            @Override
            public String refuses(Target t) {
                if (!t.has(Capability.MESSAGES)) {
                    return t.model().cliName() + " is a message order; " + t.datatypeName() + " histories are checked for other models (see ariadne models)";
                }
                if (broadcastOnly && t.builtin() == BuiltinDatatype.MAILBOX) return t.model().cliName() + " is an order of broadcasts; mailbox messages go to one process";
                return null;
            }

            @Override
            public CheckResult run(Target t) {
                return BroadcastChecker.check(t.history(), t.builtin() == BuiltinDatatype.MAILBOX, order, t.model().cliName());
            }
        };
    }
}
