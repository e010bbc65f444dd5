package dev.ariadne.checker.weak;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.search.Budget;
import dev.ariadne.checker.search.Outcome;
import dev.ariadne.checker.search.Readings;
import dev.ariadne.history.History;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A history made ready for the frontier search: the operations that did not fail, each read once
 * by the datatype as it happened and (on first need) relaxed, grouped by process in program order.
 */
final class SequentialProblem<S, I> extends Readings<S, I> {
    private final int processes;

    /** Whose view this is (PRAM), or -1 for the whole history (sequential consistency). */
    final int viewOf;

    SequentialProblem(History history, Datatype<S, I> datatype) {
        this(history, datatype, -1, Reads.PROGRAM_ORDER);
    }

    /**
     * With {@code viewOf} a process: that process's view, made of its own operations and the
     * effects ({@link Datatype#remote}) of every other process's operations.
     */
    SequentialProblem(History history, Datatype<S, I> datatype, int viewOf) {
        this(history, datatype, viewOf, Reads.PROGRAM_ORDER);
    }

    /** How the viewing process's own reads are ordered in its view. */
    enum Reads {
        /** In program order with everything the process does (sequential consistency, PRAM). */
        PROGRAM_ORDER,
        /** In program order among themselves only (monotonic reads). */
        AMONG_THEMSELVES,
        /** Each after the process's earlier writes, otherwise free (read-your-writes). */
        AFTER_OWN_WRITES,
        /** Each free (monotonic writes: only the writes keep their issue order). */
        FREE
    }

    final Reads reads;
    /** For causal memory: the causal order, and each problem operation's node in it (-1 when it has none); null otherwise. */
    private CausalOrder causalOrder;
    private int[] nodeOf;

    /** Makes each view keep causal order too (causal memory): an operation goes only after its causal past in the view. */
    SequentialProblem<S, I> respecting(CausalOrder order, ReadWriteHistory nodes) {
        this.causalOrder = order;
        this.nodeOf = new int[ops.size()];
        for (int i = 0; i < nodeOf.length; i++) nodeOf[i] = nodes.nodeOf(ops.get(i).id());
        return this;
    }
    /** Whether the viewing process's reads form an order of their own, apart from its writes (monotonic reads). */
    final boolean readsApart;

    /** A view of process {@code viewOf} in which its reads are ordered as {@code reads} says and every process's writes keep issue order. */
    SequentialProblem(History history, Datatype<S, I> datatype, int viewOf, Reads reads) {
        super(datatype);
        this.processes = history.processCount();
        this.viewOf = viewOf;
        this.reads = reads;
        this.readsApart = reads == Reads.AMONG_THEMSELVES;
        for (Operation o : history.operations()) if (!o.isFail()) add(o);
    }

    /** In a process's view, another process's operation shows only its effect (and a read none). */
    @Override
    protected I adjust(Operation o, I input) {
        return viewOf >= 0 && o.process() != viewOf ? datatype.remote(input) : input;
    }

    /** A search in which the {@code keep} operations are required and every other one is optional. */
    Prepared prepare(boolean[] keep, Budget budget) {
        List<I> in = new ArrayList<>();
        List<Boolean> req = new ArrayList<>();
        List<Integer> orig = new ArrayList<>();
        List<List<Integer>> byProcess = new ArrayList<>();
        for (int q = 0; q <= processes; q++) byProcess.add(new ArrayList<>());
        List<Integer> gatedChain = new ArrayList<>();
        List<Integer> gatedCount = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation o = ops.get(i);
            boolean required = keep[i] && o.isOk();
            I input = required || !o.isOk() ? input(i) : relaxedInput(i);
            // An operation legal in every state that changes nothing can always be placed: leave it out.
            if (input == null || datatype.isNoOp(input)) continue;
            boolean ownRead = o.process() == viewOf && datatype.readOnly(input(i));
            if (ownRead && (reads == Reads.AFTER_OWN_WRITES || reads == Reads.FREE)) {
                // A chain of its own: for read-your-writes it may go once the process's earlier writes have.
                gatedChain.add(reads == Reads.FREE ? -1 : viewOf);
                gatedCount.add(reads == Reads.FREE ? 0 : byProcess.get(viewOf).size());
                byProcess.add(new ArrayList<>(List.of(in.size())));
            } else {
                gatedChain.add(-1);
                gatedCount.add(0);
                byProcess.get(ownRead && readsApart ? processes : o.process()).add(in.size());
            }
            in.add(input);
            req.add(required);
            orig.add(i);
        }
        int[][] perProcess = new int[byProcess.size()][];
        for (int q = 0; q < perProcess.length; q++) perProcess[q] = byProcess.get(q).stream().mapToInt(Integer::intValue).toArray();
        int[] gateChain = gatedChain.stream().mapToInt(Integer::intValue).toArray();
        int[] gateCount = gatedCount.stream().mapToInt(Integer::intValue).toArray();
        boolean[] required = new boolean[req.size()];
        for (int j = 0; j < required.length; j++) required[j] = req.get(j);
        int[] origArr = orig.stream().mapToInt(Integer::intValue).toArray();
        int[] call = new int[origArr.length];
        // Try moves in order of completion (crashed operations last): close to the order the system took.
        for (int j = 0; j < call.length; j++) {
            Operation o = ops.get(origArr[j]);
            call[j] = required[j] ? o.returnPosition() : Integer.MAX_VALUE >> 12;
        }
        FrontierSearch<S, I> search = new FrontierSearch<>(datatype, perProcess, in, required, call,
                reads == Reads.AFTER_OWN_WRITES ? gateChain : null, gateCount, budget);
        if (causalOrder != null) search.withOrderGates(causalGates(perProcess, origArr));
        return new Prepared(viewOf >= 0 ? search.eagerWrites() : search, origArr, perProcess);
    }

    /**
     * For each search operation, the chains it must wait for: for every other chain q, how many of q's
     * operations lie in its causal past (a prefix of q, since causal order contains program order).
     */
    private int[][] causalGates(int[][] perProcess, int[] origArr) {
        int[][] gates = new int[origArr.length][];
        int[][] seqs = new int[perProcess.length][];
        for (int q = 0; q < perProcess.length; q++) {
            seqs[q] = new int[perProcess[q].length];
            for (int i = 0; i < perProcess[q].length; i++) {
                int node = nodeOf[origArr[perProcess[q][i]]];
                seqs[q][i] = node < 0 ? Integer.MAX_VALUE : causalOrder.seq[node];
            }
        }
        for (int q = 0; q < perProcess.length; q++) {
            for (int j : perProcess[q]) {
                int u = nodeOf[origArr[j]];
                if (u < 0) continue;
                int[] pairs = new int[2 * perProcess.length];
                int m = 0;
                for (int c = 0; c < perProcess.length; c++) {
                    if (c == q || perProcess[c].length == 0) continue;
                    int proc = ops.get(origArr[perProcess[c][0]]).process();
                    int limit = causalOrder.clock[u][proc];
                    // How many of chain c's operations have a position at most limit (positions grow along the chain).
                    int lo = 0;
                    int hi = seqs[c].length;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (seqs[c][mid] <= limit) lo = mid + 1;
                        else hi = mid;
                    }
                    if (lo > 0) {
                        pairs[m++] = c;
                        pairs[m++] = lo;
                    }
                }
                gates[j] = m == 0 ? null : Arrays.copyOf(pairs, m);
            }
        }
        return gates;
    }

    /** A prepared search, the map back to this problem's operation numbers, and the per-process lists. */
    record Prepared(FrontierSearch<?, ?> search, int[] orig, int[][] perProcess) {}

    @Override
    public Outcome check(boolean[] keep, Budget budget) {
        return prepare(keep, budget).search().run().outcome();
    }
}
