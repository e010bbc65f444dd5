package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.datatype.Keyed;
import dev.ariadne.checker.weak.CausalChecker;
import dev.ariadne.checker.weak.CausalMemoryChecker;
import dev.ariadne.checker.weak.PramChecker;
import dev.ariadne.checker.weak.SequentialChecker;
import dev.ariadne.checker.weak.WritesFollowReadsChecker;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.txn.TransactionalAnalysis;
import dev.ariadne.checker.txn.TransactionalChecker;
import dev.ariadne.history.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place that maps a requested model to the algorithm that decides it. The algorithm
 * families (linearizability search, weak single-object models, transactional dependency graphs)
 * sit side by side below this class and know nothing of each other.
 */
public final class ModelChecker {
    private ModelChecker() {}

    /** The models that have a checker now. */
    public static final Set<ConsistencyModel> CHECKED = Set.of(ConsistencyModel.LINEARIZABLE, ConsistencyModel.SEQUENTIAL, ConsistencyModel.PRAM,
            ConsistencyModel.CAUSAL, ConsistencyModel.MONOTONIC_READS, ConsistencyModel.READ_YOUR_WRITES, ConsistencyModel.MONOTONIC_WRITES, ConsistencyModel.CAUSAL_CONVERGENT,
            ConsistencyModel.CAUSAL_MEMORY, ConsistencyModel.WRITES_FOLLOW_READS);

    /**
     * How a model is checked, for {@code ariadne models}: empty when a checker decides it (every
     * transactional model is decided by its own definition), {@code (not yet)} when none does.
     */
    public static String support(ConsistencyModel m) {
        return m.family() == ConsistencyModel.Family.TRANSACTIONAL || CHECKED.contains(m) ? "" : " (not yet)";
    }

    /** The datatypes whose operations PRAM's per-process views can separate into reads and writes. */
    private static final Set<String> VIEW_DATATYPES = Set.of("register", "cas-register", "kv");

    static final Set<String> TRANSACTIONAL_DATATYPES = Set.of("list-append", "rw-register");

    public static CheckResult check(History history, CheckRequest request) {
        return InitialValueHint.apply(decide(history, request), history, request);
    }

    private static CheckResult decide(History history, CheckRequest request) {
        if (!history.realTimeKnown() && "linearizable".equals(request.model() == null ? "linearizable" : request.model())) {
            return new CheckResult("linearizable", request.datatype() == null ? "none" : request.datatype(), request.datatype() == null, Verdict.UNKNOWN,
                    "Undecided: the history records completions only, so when operations began is unknown and real-time order cannot be judged.",
                    List.of(), List.of(), new CheckResult.Statistics(history.size(), 0, 0, 0, 0), List.of("completions only: check sequential consistency instead"));
        }
        long start = System.nanoTime();
        ConsistencyModel model = ConsistencyModel.byName(request.model() == null ? "linearizable" : request.model());
        boolean inferred = request.datatype() == null;
        if (history.size() == 0) {
            // No operation proves nothing: a history that could not be read must never pass a gate.
            return new CheckResult(model.cliName(), request.datatype() == null ? "none" : request.datatype(), inferred, Verdict.UNKNOWN,
                    "Undecided: the history has no client operations, so there is nothing to check.",
                    List.of(), List.of(), new CheckResult.Statistics(0, 0, 0, 0, 0), List.of("empty history"));
        }
        String dtName = inferred
                ? Datatypes.infer(history).orElseThrow(() -> new UnsupportedCheck(
                "cannot infer the datatype from the functions " + history.functions() + "; name it with --datatype (see ariadne models)"))
                : request.datatype();
        if (!Datatypes.DESCRIPTIONS.containsKey(dtName)) throw new UnsupportedCheck("unknown datatype " + dtName + " (see ariadne models)");
        if (TRANSACTIONAL_DATATYPES.contains(dtName)) {
            if (model == ConsistencyModel.CAUSAL) model = ConsistencyModel.CAUSAL_TRANSACTIONAL;
            if (model.family() != ConsistencyModel.Family.TRANSACTIONAL) {
                throw new UnsupportedCheck(model.cliName() + " is a single-object model; " + dtName + " histories are checked for transactional models (see ariadne models)");
            }
            TransactionalAnalysis a = analyze(history, dtName, request);
            return withInference(IsolationLevels.result(model, dtName, inferred, a, System.nanoTime() - start), inferred, dtName, history);
        }
        if (model.family() == ConsistencyModel.Family.TRANSACTIONAL) {
            throw new UnsupportedCheck(model.cliName() + " is a transactional model; " + dtName + " is not a transactional datatype");
        }
        if (!CHECKED.contains(model)) {
            throw new UnsupportedCheck(model.cliName() + " has no checker yet; available now: "
                    + String.join(", ", CHECKED.stream().map(ConsistencyModel::cliName).sorted().toList()));
        }
        if (model == ConsistencyModel.CAUSAL || model == ConsistencyModel.CAUSAL_CONVERGENT || model == ConsistencyModel.WRITES_FOLLOW_READS) {
            if (!VIEW_DATATYPES.contains(dtName)) {
                throw new UnsupportedCheck(model.cliName() + " is checked on register, cas-register (without cas) and kv (without append) histories, not " + dtName);
            }
            return withInference(model == ConsistencyModel.CAUSAL ? CausalChecker.check(history, dtName, request.options())
                    : model == ConsistencyModel.WRITES_FOLLOW_READS ? WritesFollowReadsChecker.check(history, dtName, request.options())
                    : CausalChecker.checkConvergent(history, dtName, request.options()), inferred, dtName, history);
        }
        Datatype<?, ?> datatype = Datatypes.byName(dtName, request.options());
        if (model == ConsistencyModel.SEQUENTIAL || model == ConsistencyModel.PRAM || model == ConsistencyModel.MONOTONIC_READS
                || model == ConsistencyModel.READ_YOUR_WRITES || model == ConsistencyModel.MONOTONIC_WRITES || model == ConsistencyModel.CAUSAL_MEMORY) {
            if (model != ConsistencyModel.SEQUENTIAL && !VIEW_DATATYPES.contains(dtName)) {
                throw new UnsupportedCheck(model.cliName() + " is checked on register, cas-register and kv histories, not " + dtName);
            }
            SequentialChecker.Options whole = new SequentialChecker.Options(request.timeoutMillis(),
                    request.memoryBytes() > 0 ? request.memoryBytes() : LinearizabilityChecker.Options.defaults().memoBytes(), 30_000);
            PramChecker.ReadWrite rw = new PramChecker.ReadWrite(dtName, request.options());
            CheckResult causalMemory = null;
            if (model == ConsistencyModel.CAUSAL_MEMORY) {
                // Polynomial where values are unique per key; otherwise (UNKNOWN) the lattice may still settle it.
                causalMemory = CausalMemoryChecker.check(history, keyed(datatype, history), dtName, request.options(), whole);
                if (causalMemory.verdict() != Verdict.UNKNOWN) return withInference(causalMemory, inferred, dtName, history);
            } else if (model != ConsistencyModel.SEQUENTIAL) {
                // On a read/write history with unique values the views need no search: decide them directly.
                CheckResult direct = PramChecker.checkIfDifferentiated(history, keyed(datatype, history), whole, rw, model.cliName());
                if (direct != null) return withInference(direct, inferred, dtName, history);
            }
            // The lattice first: a linearizable history is sequentially consistent, and linearizability
            // is compositional and fast to decide, so it settles the common case before any search.
            LinearizabilityChecker.Options quick = new LinearizabilityChecker.Options(
                    request.timeoutMillis() > 0 ? request.timeoutMillis() / 4 + 1 : 30_000,
                    LinearizabilityChecker.Options.defaults().memoBytes(), LinearizabilityChecker.Options.defaults().threads(), 0, false);
            CheckResult lin = LinearizabilityChecker.check(history, datatype, quick);
            if (lin.verdict() == Verdict.VALID) {
                List<String> notes = List.of("the history is linearizable, which implies " + model.cliName());
                return withInference(new CheckResult(model.cliName(), lin.datatype(), inferred, Verdict.VALID,
                        "The history is " + model.cliName() + " (it is even linearizable).", lin.partitions(), List.of(), lin.statistics(), notes),
                        inferred, dtName, history);
            }
            // The search gets what is left of the time limit.
            long left = request.timeoutMillis() <= 0 ? 0 : Math.max(1, request.timeoutMillis() - (System.nanoTime() - start) / 1_000_000);
            SequentialChecker.Options so = new SequentialChecker.Options(left,
                    request.memoryBytes() > 0 ? request.memoryBytes() : LinearizabilityChecker.Options.defaults().memoBytes(), 30_000);
            // Not a differentiated read/write history (cas, append, or values written twice): the views are searched.
            CheckResult r = model == ConsistencyModel.PRAM ? PramChecker.check(history, keyed(datatype, history), so)
                    : model == ConsistencyModel.CAUSAL_MEMORY ? causalMemory
                    : model == ConsistencyModel.MONOTONIC_READS ? PramChecker.checkMonotonicReads(history, keyed(datatype, history), so)
                    : model == ConsistencyModel.READ_YOUR_WRITES ? PramChecker.checkReadYourWrites(history, keyed(datatype, history), so)
                    : model == ConsistencyModel.MONOTONIC_WRITES ? PramChecker.checkMonotonicWrites(history, keyed(datatype, history), so)
                    : SequentialChecker.check(history, keyed(datatype, history), so);
            return withInference(r, inferred, dtName, history);
        }
        LinearizabilityChecker.Options defaults = LinearizabilityChecker.Options.defaults();
        LinearizabilityChecker.Options opts = new LinearizabilityChecker.Options(request.timeoutMillis(),
                request.memoryBytes() > 0 ? request.memoryBytes() : defaults.memoBytes(),
                request.threads() > 0 ? request.threads() : defaults.threads(), defaults.minimizeMillis(), request.counterexamples());
        return withInference(LinearizabilityChecker.check(history, datatype, opts), inferred, dtName, history);
    }

    /** The transactional analysis of a history, within the request's time limit. */
    static TransactionalAnalysis analyze(History history, String dtName, CheckRequest request) {
        TransactionalAnalysis a;
        try {
            a = TransactionalChecker.analyze(history, dtName, Budget.of(request.timeoutMillis(), 0), request.keyOrder());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedCheck(e.getMessage());
        }
        boolean wanted = "all".equals(request.model()) || needsSerialOrder(ConsistencyModel.byName(request.model()));
        if (dtName.equals("rw-register") && a.unsupported() == null && wanted && !a.serialWitness().contains("realtime")
                && java.util.Collections.disjoint(a.present(), IsolationLevels.forbidden(ConsistencyModel.STRICT_SERIALIZABLE))) {
            a = strictByLinearizability(history, a, request);
        }
        return a;
    }

    /** Models that only a serial order can prove on rw-register (the ones strict serializability implies, above causal). */
    private static boolean needsSerialOrder(ConsistencyModel m) {
        if (m == ConsistencyModel.CAUSAL) m = ConsistencyModel.CAUSAL_TRANSACTIONAL;
        return ModelLattice.implies(ConsistencyModel.STRICT_SERIALIZABLE, m) && !ModelLattice.implies(ConsistencyModel.CAUSAL_TRANSACTIONAL, m);
    }

    /**
     * Strict serializability is linearizability of the whole store as one object whose operations are
     * the transactions (Herlihy and Wing; Adya's PL-SS): so when no serial replay explained an
     * rw-register history, the linearizability search over multi-register decides it, info
     * transactions included as Knossos treats them.
     */
    private static TransactionalAnalysis strictByLinearizability(History history, TransactionalAnalysis a, CheckRequest request) {
        LinearizabilityChecker.Options defaults = LinearizabilityChecker.Options.defaults();
        CheckResult lin = LinearizabilityChecker.check(history, new dev.ariadne.checker.datatype.MultiRegister(DatatypeOptions.DEFAULT),
                new LinearizabilityChecker.Options(request.timeoutMillis(), request.memoryBytes() > 0 ? request.memoryBytes() : defaults.memoBytes(),
                        request.threads() > 0 ? request.threads() : defaults.threads(), defaults.minimizeMillis(), request.counterexamples()));
        List<String> notes = new ArrayList<>(a.notes());
        java.util.Set<String> witness = new java.util.LinkedHashSet<>(a.serialWitness());
        java.util.Set<String> present = new java.util.LinkedHashSet<>(a.present());
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>(a.counts());
        List<dev.ariadne.checker.report.TransactionalCounterexample> cex = new ArrayList<>(a.counterexamples());
        String how = "the linearizability search over the transactions as operations on one multi-register object";
        dev.ariadne.checker.txn.Witnesses witnesses = a.witnesses();
        if (lin.verdict() == Verdict.VALID) {
            witness.addAll(List.of("data", "process", "realtime"));
            notes.add("strict serializability decided by " + how + ": a real-time serial order exists");
            if (lin.witness() != null) {
                java.util.Map<Long, Integer> byIndex = new java.util.HashMap<>();
                for (var o : history.operations()) byIndex.put(o.index(), o.id());
                int[] order = new int[lin.witness().order().length];
                for (int i = 0; i < order.length; i++) order[i] = byIndex.get(lin.witness().order()[i]);
                witnesses = witnesses.withFallback(dev.ariadne.checker.txn.Witnesses.Kind.SERIAL_REALTIME,
                        dev.ariadne.checker.report.TransactionalWitness.serial(order, "a serial order respecting real time (the linearization found by " + how + ")"));
            }
        } else if (lin.verdict() == Verdict.INVALID) {
            present.add("nonlinearizable");
            counts.put("nonlinearizable", 1);
            for (var c : lin.counterexamples()) {
                if (!(c instanceof dev.ariadne.checker.report.LinearizabilityCounterexample lc)) continue;
                List<dev.ariadne.checker.report.TransactionalCounterexample.Txn> txns = new ArrayList<>();
                for (var o : lc.operations()) txns.add(new dev.ariadne.checker.report.TransactionalCounterexample.Txn("T" + o.index(), o.process(), o.outcome(), o.description()));
                cex.add(new dev.ariadne.checker.report.TransactionalCounterexample("nonlinearizable", txns, List.of(),
                        "No order of the transactions within their real-time intervals explains every read (" + how + "): " + lc.explanation()));
            }
        } else {
            notes.add("strict serializability undecided: " + how + " ran out of budget (" + lin.summary() + ")");
        }
        return new TransactionalAnalysis(a.unsupported(), present, a.incomplete(), cex, counts, a.transactions(), a.edges(), notes, a.versionOrderKnown(), witness, witnesses);
    }

    private static CheckResult withInference(CheckResult r, boolean inferred, String dtName, History history) {
        List<String> notes = new ArrayList<>(r.notes());
        if (inferred) notes.add(0, "datatype " + dtName + " inferred from the functions " + history.functions());
        // A linearization is kept for the transactional models that check it; a register's report does not carry it (it can be millions long).
        var witness = r.witness() != null && "LINEARIZATION".equals(r.witness().shape()) ? null : r.witness();
        return new CheckResult(r.model(), r.datatype(), inferred, r.verdict(), r.summary(), r.partitions(), r.counterexamples(), r.statistics(), notes, witness);
    }

    /**
     * The datatype over all keys at once, for checks that cannot split a history by key: one object
     * per key, unless the datatype's state spans keys already (multi-register).
     */
    static Datatype<?, ?> keyed(Datatype<?, ?> dt, History history) {
        if (dt.name().equals("multi-register")) return dt;
        for (dev.ariadne.history.Operation o : history.operations()) {
            if (o.key() != null) return new Keyed<>(dt);
        }
        return dt;
    }
}
