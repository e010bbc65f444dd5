package dev.ariadne.checker.txn;

import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * The transactions of a history: each operation's micro-ops (the completion's for {@code ok}, with the
 * values its reads returned; the invocation's otherwise) and Jepsen's outcome. A {@code fail}
 * transaction did not commit; an {@code info} one may or may not have.
 */
final class TxnHistory {
    final History history;
    final int n;
    final List<List<MicroOp>> mops;

    TxnHistory(History history) {
        this.history = history;
        this.n = history.size();
        this.mops = new ArrayList<>(n);
        // Like Elle, the micro-ops decide and :f does not (braft's transactions are :read and :write).
        for (Operation o : history.operations()) {
            try {
                mops.add(MicroOp.parseAll(o.value()));
            } catch (IllegalArgumentException e) {
                throw new DatatypeMismatch(o, e.getMessage());
            }
        }
    }

    Operation op(int t) {
        return history.operation(t);
    }

    boolean ok(int t) {
        return history.operation(t).isOk();
    }

    boolean failed(int t) {
        return history.operation(t).isFail();
    }

    /** {@code T<index>}: how reports name a transaction (its invocation's index). */
    String name(int t) {
        return "T" + history.operation(t).index();
    }

    /** The transaction's micro-ops as EDN-like text. */
    String describe(int t) {
        StringBuilder sb = new StringBuilder();
        for (MicroOp m : mops.get(t)) {
            if (sb.length() > 0) sb.append(' ');
            sb.append('[').append(m.f()).append(' ').append(Values.show(m.key())).append(' ').append(Values.show(m.value())).append(']');
        }
        return sb.toString();
    }
}
