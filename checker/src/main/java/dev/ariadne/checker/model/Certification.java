package dev.ariadne.checker.model;

import dev.ariadne.checker.certify.Axiom;
import dev.ariadne.checker.certify.WitnessVerifier;
import dev.ariadne.checker.report.CertifiedWitness;
import dev.ariadne.checker.report.TransactionalWitness;
import dev.ariadne.checker.txn.Witnesses;
import dev.ariadne.checker.txn.Witnesses.Kind;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ariadne.checker.certify.Axiom.*;
import static dev.ariadne.checker.model.ConsistencyModel.*;

/**
 * No transactional VALID without a checked witness: each model is the set of {@link Axiom}s its
 * definition states, and a witness counts for it only when the independent verifier finds every one
 * of them on the raw history. A witness is first checked against the strongest set it was built for,
 * so one serial order that passes certifies every model below it without another pass.
 */
final class Certification {
    private Certification() {}

    static final Map<ConsistencyModel, Set<Axiom>> AXIOMS = axioms();

    private static Map<ConsistencyModel, Set<Axiom>> axioms() {
        Map<ConsistencyModel, Set<Axiom>> m = new EnumMap<>(ConsistencyModel.class);
        m.put(READ_UNCOMMITTED, EnumSet.of(UNCOMMITTED_READS));
        m.put(READ_COMMITTED, EnumSet.of(COMMITTED_READS));
        m.put(ConsistencyModel.CURSOR_STABILITY, EnumSet.of(COMMITTED_READS, Axiom.CURSOR_STABILITY));
        m.put(MONOTONIC_ATOMIC_VIEW, EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW));
        m.put(CONSISTENT_VIEW, EnumSet.of(COMMITTED_READS, Axiom.CURSOR_STABILITY, NO_G_SINGLE));
        m.put(REPEATABLE_READ, EnumSet.of(COMMITTED_READS, Axiom.CURSOR_STABILITY, MONOTONIC_VIEW, NO_G2));
        Set<Axiom> ra = EnumSet.of(COMMITTED_READS, MONOTONIC_VIEW, ATOMIC);
        m.put(READ_ATOMIC, ra);
        m.put(CAUSAL_TRANSACTIONAL, with(ra, TRANSITIVE));
        m.put(ConsistencyModel.PREFIX, with(ra, TRANSITIVE, Axiom.PREFIX));
        m.put(PARALLEL_SNAPSHOT_ISOLATION, with(ra, TRANSITIVE, NO_CONFLICT, Axiom.CURSOR_STABILITY));
        Set<Axiom> si = with(ra, TRANSITIVE, NO_CONFLICT, Axiom.PREFIX, Axiom.CURSOR_STABILITY);
        m.put(SNAPSHOT_ISOLATION, si);
        // Adya's PL-FCV forbids G1 and G-SIb: a cycle with one anti-dependency among the dependencies
        // plus an edge Ti -> Tj for each Ti that commits before Tj starts. A history records no such
        // schedule, and the one where every transaction starts before any commits adds no edge (any
        // other only adds edges), so G-SIb is G-single there and PL-FCV comes to PL-2+'s conditions.
        m.put(FORWARD_CONSISTENT_VIEW, m.get(CONSISTENT_VIEW));
        m.put(STRONG_SESSION_SNAPSHOT_ISOLATION, with(si, SESSION));
        m.put(STRONG_SNAPSHOT_ISOLATION, with(si, SESSION, REALTIME));
        Set<Axiom> ser = with(si, TOTAL);
        m.put(SERIALIZABLE, ser);
        m.put(UPDATE_SERIALIZABLE, EnumSet.of(COMMITTED_READS, NO_G_UPDATE));
        m.put(STRONG_SESSION_SERIALIZABLE, with(ser, SESSION));
        m.put(STRICT_SERIALIZABLE, with(ser, SESSION, REALTIME));
        return m;
    }

    private static Set<Axiom> with(Set<Axiom> base, Axiom... more) {
        Set<Axiom> out = EnumSet.copyOf(base);
        out.addAll(List.of(more));
        return out;
    }

    /** What each kind of witness is built to prove: checked against that first. */
    private static final Map<Kind, ConsistencyModel> BUILT_FOR = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.SERIAL_REALTIME, STRICT_SERIALIZABLE), Map.entry(Kind.SERIAL_PROCESS, STRONG_SESSION_SERIALIZABLE),
            Map.entry(Kind.SERIAL, SERIALIZABLE), Map.entry(Kind.UPDATE_ORDER, UPDATE_SERIALIZABLE), Map.entry(Kind.SI_REALTIME, STRONG_SNAPSHOT_ISOLATION),
            Map.entry(Kind.SI_PROCESS, STRONG_SESSION_SNAPSHOT_ISOLATION), Map.entry(Kind.SI, SNAPSHOT_ISOLATION), Map.entry(Kind.PREFIX, ConsistencyModel.PREFIX),
            Map.entry(Kind.PSI, PARALLEL_SNAPSHOT_ISOLATION), Map.entry(Kind.CAUSAL, CAUSAL_TRANSACTIONAL), Map.entry(Kind.READ_ATOMIC, READ_ATOMIC),
            Map.entry(Kind.CONSISTENT_ORDER, CONSISTENT_VIEW), Map.entry(Kind.CURSOR_ORDER, ConsistencyModel.CURSOR_STABILITY),
            Map.entry(Kind.MONOTONIC_ORDER, MONOTONIC_ATOMIC_VIEW),
            Map.entry(Kind.COMMITTED_ORDER, CONSISTENT_VIEW), Map.entry(Kind.WRITE_ORDER, READ_UNCOMMITTED)));

    /** The kinds worth trying for a model, strongest first. */
    private static List<Kind> candidates(ConsistencyModel m) {
        List<Kind> serial = List.of(Kind.SERIAL_REALTIME, Kind.SERIAL_PROCESS, Kind.SERIAL);
        List<Kind> si = List.of(Kind.SI_REALTIME, Kind.SI_PROCESS, Kind.SI);
        return switch (m) {
            case STRICT_SERIALIZABLE -> List.of(Kind.SERIAL_REALTIME);
            case STRONG_SESSION_SERIALIZABLE -> List.of(Kind.SERIAL_REALTIME, Kind.SERIAL_PROCESS);
            case SERIALIZABLE, REPEATABLE_READ -> serial;
            case UPDATE_SERIALIZABLE -> concat(serial, List.of(Kind.UPDATE_ORDER));
            case STRONG_SNAPSHOT_ISOLATION -> List.of(Kind.SERIAL_REALTIME, Kind.SI_REALTIME);
            case STRONG_SESSION_SNAPSHOT_ISOLATION -> List.of(Kind.SERIAL_REALTIME, Kind.SERIAL_PROCESS, Kind.SI_REALTIME, Kind.SI_PROCESS);
            case SNAPSHOT_ISOLATION -> concat(serial, si);
            case PREFIX -> concat(serial, si, List.of(Kind.PREFIX));
            case PARALLEL_SNAPSHOT_ISOLATION -> concat(serial, si, List.of(Kind.PSI));
            case CAUSAL_TRANSACTIONAL -> concat(serial, si, List.of(Kind.PREFIX, Kind.PSI, Kind.CAUSAL));
            case READ_ATOMIC -> concat(serial, si, List.of(Kind.CAUSAL, Kind.READ_ATOMIC, Kind.COMMITTED_ORDER));
            case MONOTONIC_ATOMIC_VIEW -> concat(serial, si, List.of(Kind.CAUSAL, Kind.READ_ATOMIC, Kind.COMMITTED_ORDER, Kind.MONOTONIC_ORDER));
            case FORWARD_CONSISTENT_VIEW, CONSISTENT_VIEW -> concat(serial, si, List.of(Kind.COMMITTED_ORDER, Kind.CONSISTENT_ORDER));
            case CURSOR_STABILITY -> concat(serial, si, List.of(Kind.COMMITTED_ORDER, Kind.CONSISTENT_ORDER, Kind.CURSOR_ORDER));
            case READ_COMMITTED -> concat(serial, si, List.of(Kind.COMMITTED_ORDER));
            case READ_UNCOMMITTED -> concat(serial, List.of(Kind.COMMITTED_ORDER, Kind.WRITE_ORDER));
            default -> List.of();
        };
    }

    @SafeVarargs
    private static List<Kind> concat(List<Kind>... parts) {
        List<Kind> out = new java.util.ArrayList<>();
        for (List<Kind> p : parts) out.addAll(p);
        return out;
    }

    /** The outcome: a witness that passed, or why none did. */
    record Outcome(TransactionalWitness witness, String why) {}

    static Outcome certify(Witnesses ws, ConsistencyModel m) {
        Set<Axiom> need = AXIOMS.get(m);
        String why = null;
        for (Kind k : candidates(m)) {
            TransactionalWitness w = ws.get(k);
            if (w == null) continue;
            ConsistencyModel target = BUILT_FOR.get(k);
            String first = check(ws, k, w, AXIOMS.get(target));
            if (first == null && covers(AXIOMS.get(target), need)) return new Outcome(w, null);
            String own = first == null ? check(ws, k, w, need) : target == m ? first : check(ws, k, w, need);
            if (own == null) return new Outcome(w, null);
            if (why == null) why = "the witness (" + w.found() + ") fails the check: " + own;
        }
        return new Outcome(null, why != null ? why : "no witness was found");
    }

    private static String check(Witnesses ws, Kind k, TransactionalWitness w, Set<Axiom> axioms) {
        String key = k + " " + axioms;
        String cached = ws.verdicts.get(key);
        if (cached != null) return cached.isEmpty() ? null : cached;
        String r = WitnessVerifier.verify(ws.history, w, axioms, ws.listAppend);
        ws.verdicts.put(key, r == null ? "" : r);
        return r;
    }

    /**
     * Whether passing {@code have} implies passing {@code need}: committed reads are also uncommitted
     * reads; and a serial order in which each transaction sees exactly those before it (TOTAL, with
     * atomic committed reads) makes every dependency go forward in the order (a read sees the latest
     * earlier version, the next version's writer comes after the reader), so its version order has no
     * cycle at all: no G2, G-single or G-update (PL-3 implies PL-3U and PL-2+).
     */
    static boolean covers(Set<Axiom> have, Set<Axiom> need) {
        Set<Axiom> h = EnumSet.copyOf(have);
        if (h.contains(COMMITTED_READS)) h.add(UNCOMMITTED_READS);
        if (h.containsAll(EnumSet.of(TOTAL, ATOMIC, COMMITTED_READS))) h.addAll(EnumSet.of(NO_G2, NO_G_SINGLE, NO_G_UPDATE));
        return h.containsAll(need);
    }

    /** The witness as the report shows it. */
    static CertifiedWitness report(Witnesses ws, TransactionalWitness w) {
        long[] order = new long[w.order().length];
        for (int i = 0; i < order.length; i++) order[i] = ws.history.operation(w.order()[i]).index();
        return new CertifiedWitness(w.found(), w.shape().name(), order, w.snapshot(), w.visibleFrom(), w.visibleTo(), w.transitive());
    }
}
