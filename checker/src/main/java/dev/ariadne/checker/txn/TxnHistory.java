package dev.ariadne.checker.txn;

import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.History;
import dev.ariadne.history.MicroOp;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;
import dev.ariadne.history.Values;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactions of a history: each operation's micro-ops (the completion's for {@code ok}, with the
 * values its reads returned; the invocation's otherwise) and Jepsen's outcome. A {@code fail}
 * transaction did not commit; an {@code info} one may or may not have.
 *
 * <p>Up to {@link #KEPT} transactions the micro-ops are decoded once and kept (the searches look at
 * some transactions many times); above it they are decoded from the history's columns each time they
 * are asked for, since the analyses of a large history pass over them a few times and millions of
 * transactions held as trees would take most of the heap.
 */
final class TxnHistory {
    final History history;
    final int n;
    final List<List<MicroOp>> mops;
    static final int KEPT = History.KEPT;

    TxnHistory(History history) {
        this.history = history;
        this.n = history.size();
        List<List<MicroOp>> kept = n <= KEPT ? new ArrayList<>(n) : null;
        // Like Elle, the micro-ops decide and :f does not (braft's transactions are :read and :write).
        for (Operation o : history.operations()) {
            try {
                List<MicroOp> m = MicroOp.parseAll(o.value());
                if (kept != null) kept.add(m);
            } catch (IllegalArgumentException e) {
                throw new DatatypeMismatch(o, e.getMessage());
            }
        }
        this.mops = kept != null ? kept : new AbstractList<>() {
            @Override
            public List<MicroOp> get(int t) {
                return MicroOp.parseAll(history.operation(t).value());
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    Operation op(int t) {
        return history.operation(t);
    }

    boolean ok(int t) {
        return history.outcome(t) == OpType.OK;
    }

    boolean failed(int t) {
        return history.outcome(t) == OpType.FAIL;
    }

    boolean info(int t) {
        return history.outcome(t) == OpType.INFO;
    }

    // Read from the history's arrays: these are asked in the searches' inner loops, where building an
    // operation each time would cost more than the question.
    int invokePosition(int t) {
        return history.callPosition(t);
    }

    int returnPosition(int t) {
        return history.returnPosition(t);
    }

    int process(int t) {
        return history.process(t);
    }

    long index(int t) {
        return history.index(t);
    }

    /** {@code T<index>}: how reports name a transaction (its invocation's index). */
    String name(int t) {
        return "T" + history.index(t);
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
