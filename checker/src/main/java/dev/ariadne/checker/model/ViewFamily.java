package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.linearizable.LinearizabilityChecker;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.checker.weak.CausalChecker;
import dev.ariadne.checker.weak.CausalMemoryChecker;
import dev.ariadne.checker.weak.PramChecker;
import dev.ariadne.checker.weak.SequentialChecker;
import dev.ariadne.checker.weak.WritesFollowReadsChecker;

import static dev.ariadne.checker.model.ConsistencyModel.*;

/**
 * The single-object models weaker than linearizability: sequential consistency (one view for all),
 * PRAM, causal memory and the session guarantees (a view per process), and the causal models of
 * Bouajjani et al. (2017). Polynomial where a read/write history's values are unique per key;
 * otherwise the views are searched, after the lattice shortcut.
 */
final class ViewFamily {
    private ViewFamily() {}

    static void register(CheckRegistry r) {
        r.register(CAUSAL, polynomial(t -> CausalChecker.check(t.history(), t.datatypeName(), t.request().options())));
        r.register(CAUSAL_CONVERGENT, polynomial(t -> CausalChecker.checkConvergent(t.history(), t.datatypeName(), t.request().options())));
        r.register(WRITES_FOLLOW_READS, polynomial(t -> WritesFollowReadsChecker.check(t.history(), t.datatypeName(), t.request().options())));
        r.register(SEQUENTIAL, searched(false));
        for (ConsistencyModel m : new ConsistencyModel[]{PRAM, MONOTONIC_READS, READ_YOUR_WRITES, MONOTONIC_WRITES, CAUSAL_MEMORY}) r.register(m, searched(true));
    }

    /** The causal models, decided directly on register, cas-register (without cas) and kv (without append) histories. */
    private static Check polynomial(java.util.function.Function<Target, CheckResult> run) {
        return new Check() {
            @Override
            public String refuses(Target t) {
                String s = LinearizabilityFamily.singleObject(t);
                if (s != null || t.has(Capability.READ_WRITE)) return s;
                return t.model().cliName() + " is checked on register, cas-register (without cas) and kv (without append) histories, not " + t.datatypeName();
            }

            @Override
            public CheckResult run(Target t) {
                return readsAndWrites(() -> run.apply(t));
            }
        };
    }

    /** A model decided directly when the history allows, else by the lattice shortcut and then a search. */
    private static Check searched(boolean readWriteOnly) {
        return new Check() {
            @Override
            public String refuses(Target t) {
                String s = LinearizabilityFamily.singleObject(t);
                if (s != null || !readWriteOnly || t.has(Capability.READ_WRITE)) return s;
                return t.model().cliName() + " is checked on register, cas-register and kv histories, not " + t.datatypeName();
            }

            @Override
            public CheckResult run(Target t) {
                SequentialChecker.Options whole = options(t, t.request().timeoutMillis());
                CheckResult undecided = null;
                if (t.model() == CAUSAL_MEMORY) {
                    // Polynomial where values are unique per key; otherwise (UNKNOWN) the lattice may still settle it.
                    undecided = readsAndWrites(() -> CausalMemoryChecker.check(t.history(), t.keyedSpec(), t.datatypeName(), t.request().options(), whole));
                    if (undecided.verdict() != Verdict.UNKNOWN) return undecided;
                } else if (t.model() != SEQUENTIAL) {
                    // On a read/write history with unique values the views need no search: decide them directly.
                    CheckResult direct = PramChecker.checkIfDifferentiated(t.history(), t.keyedSpec(), whole,
                            new PramChecker.ReadWrite(t.datatypeName(), t.request().options()), view(t.model()));
                    if (direct != null) return direct;
                }
                CheckResult settled = LatticeShortcut.settle(t);
                if (settled != null) return settled;
                return undecided != null ? undecided : search(t);
            }
        };
    }

    /** A check that reads the history as reads and writes: an operation that is neither (a cas, an append) means the model does not apply. */
    private static CheckResult readsAndWrites(java.util.function.Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UnsupportedCheck(e.getMessage());
        }
    }

    /** The views searched (not a differentiated read/write history: cas, append, or values written twice), with what is left of the time. */
    private static CheckResult search(Target t) {
        SequentialChecker.Options so = options(t, t.millisLeft());
        PramChecker.View view = view(t.model());
        return view != null ? PramChecker.check(t.history(), t.keyedSpec(), so, view) : SequentialChecker.check(t.history(), t.keyedSpec(), so);
    }

    /** The per-process view a model asks of every process, or null for sequential consistency (one view for all). */
    private static PramChecker.View view(ConsistencyModel m) {
        return switch (m) {
            case PRAM -> PramChecker.View.PRAM;
            case MONOTONIC_READS -> PramChecker.View.MONOTONIC_READS;
            case READ_YOUR_WRITES -> PramChecker.View.READ_YOUR_WRITES;
            case MONOTONIC_WRITES -> PramChecker.View.MONOTONIC_WRITES;
            default -> null;
        };
    }

    static SequentialChecker.Options options(Target t, long timeoutMillis) {
        CheckRequest req = t.request();
        return new SequentialChecker.Options(timeoutMillis, req.memoryBytes() > 0 ? req.memoryBytes() : LinearizabilityChecker.Options.defaults().memoBytes(),
                30_000, req.cancellation());
    }
}
