package dev.ariadne.checker.txn;

import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.history.History;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The witnesses the transactional analysis can offer for a VALID verdict, each built on demand and
 * kept: serial orders (respecting real time, process order, or only the dependencies), snapshot
 * schedules, prefix schedules, and visibility relations. None is trusted: the model layer hands each
 * to the independent verifier ({@code certify.WitnessVerifier}) before it says VALID.
 */
public final class Witnesses {
    public enum Kind {
        SERIAL_REALTIME, SERIAL_PROCESS, SERIAL, UPDATE_ORDER, SI_REALTIME, SI_PROCESS, SI, PREFIX, PSI, CAUSAL, READ_ATOMIC, CONSISTENT_ORDER, CURSOR_ORDER, MONOTONIC_ORDER,
        COMMITTED_ORDER, WRITE_ORDER
    }

    private final Function<Kind, TransactionalWitness> build;
    private final Map<Kind, TransactionalWitness> built = new EnumMap<>(Kind.class);
    private final Map<Kind, Boolean> tried = new EnumMap<>(Kind.class);
    /** The history the witnesses are of, for the verifier. */
    public final History history;
    /** Whether it is list-append (else rw-register). */
    public final boolean listAppend;
    /** What the verifier said of each witness, kept by the model layer so that no witness is checked twice for one condition set. */
    public final Map<Object, String> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

    Witnesses(History history, boolean listAppend, Function<Kind, TransactionalWitness> build) {
        this.history = history;
        this.listAppend = listAppend;
        this.build = build;
    }

    static final Witnesses NONE = new Witnesses(null, true, k -> null);

    /** These witnesses, with {@code w} as the one of kind {@code k} where they had none (found by another search). */
    public Witnesses withFallback(Kind k, TransactionalWitness w) {
        return new Witnesses(history, listAppend, kind -> {
            TransactionalWitness own = get(kind);
            return own == null && kind == k ? w : own;
        });
    }

    /** The witness of that kind, or null when the analysis has none. */
    public synchronized TransactionalWitness get(Kind kind) {
        if (tried.put(kind, Boolean.TRUE) == null) {
            TransactionalWitness w = build.apply(kind);
            if (w != null) built.put(kind, w);
        }
        return built.get(kind);
    }
}
