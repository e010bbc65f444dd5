package dev.ariadne.checker.weak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides one process's view for PRAM or monotonic reads on a differentiated read/write history by
 * saturation, in polynomial time, where the frontier search may take exponential time.
 *
 * <p>The view is one order of the viewer's operations and every process's writes. It keeps chains:
 * each other process's writes in issue order; the viewer's operations in program order (PRAM), or
 * its reads in order and its writes in order (monotonic reads). Read-from adds an edge from each
 * write the viewer read to that read. Saturation adds what every such view needs: when a write w' of
 * key x lies below a read r of x that returned w's value, w' ≠ w, then w' precedes w (else w' would
 * lie between w and r). The view exists exactly when the saturated relation has no cycle and no read
 * of the initial value has a write of its key below it: the viewer's reads lie on one chain, so
 * placing, read after read, the down-set of each in any order that keeps the relation leaves each
 * read's write as the last of its key before it. This is the argument of Bouajjani, Enea,
 * Guerraoui and Hamza for the per-process views of causal consistency ("On verifying causal
 * consistency", POPL 2017), with the view's chains in place of causal order.
 *
 * <p>Down-sets are kept as vector clocks over the chains (for each chain, how long a prefix lies
 * below), stored only where an edge enters a chain from outside, and iterated to the least fixpoint.
 * A violation found is sound at once, since every edge is needed. Its edges, each justified only by
 * edges made before it, name a handful of operations that already break the view; the frontier
 * search then shrinks those to a 1-minimal counterexample and re-verifies it. A crashed write counts
 * in the view only when the viewer read it: the view may leave out any other, and nothing is lost by
 * leaving it out, as no read of the viewer needs it.
 *
 * <p>Why this file is over 400 (and 500) lines: it is one algorithm, the fixpoint, whose state (slot
 * vectors, edge arrays, version stamps, the incremental scan's stamps) every step reads and writes;
 * cutting the slots or the scan out would hand those arrays across a class boundary in the hot loop.
 * Everything that renders a violation (its proof and its sentences) is apart in {@link ViewProof},
 * which only reads that state.
 */
final class ViewSaturation {
    /** VALID with no witness, or a violation with the nodes that already break the view; null from {@link #decide} when it gave up. */
    record Result(boolean valid, int[] witness, List<String> why) {}

    /** The most vector entries (slots × chains) one view holds before leaving the view to the search. */
    static final long MAX_ENTRIES = 40_000_000L;

    final ViewIndex ix;
    /** For causal memory, the causal order whose clocks give every node's fixed down-set; else null. */
    final CausalOrder causal;
    /** How the report names a node's operation ("op 6 (p1 read → 3)"). */
    final java.util.function.IntFunction<String> names;
    final int p;
    private final boolean pram;
    /** How many chains the view's vectors count: the dense numbers of the chains that matter to it. */
    final int k;
    /** The chain of the viewer's reads (its operations under PRAM and causal memory, its reads alone under monotonic reads). */
    private final int reader;
    /** Each process's chain number in this view, or -1 when none of its writes can lie below a read of the viewer. */
    private final int[] dimOf;
    /** Each chain's process. */
    private final int[] procOfDim;
    final long deadline;
    private final boolean[] readByViewer;

    final int[] slotOf;
    private static final ThreadLocal<int[]> SLOT_OF = new ThreadLocal<>();
    private static final ThreadLocal<boolean[]> READ_BY = new ThreadLocal<>();
    private int slots;
    int[] slotNode = new int[16];
    boolean[] slotIsRead = new boolean[16];
    private int[] pj = new int[0];
    int[] satVer = new int[0];
    /** Per chain and position: the last slot at or before it ({@link #slotAtOrBefore}). */
    private final int[][] nearest;
    /** Per slot, as ticks of one clock: when it was last computed, when its vector last changed, when an edge last came in. */
    private int[] computedAt = new int[16];
    private int[] changedAt = new int[16];
    private int[] edgeAt = new int[16];
    /** Per read of the viewer: the tick it was last scanned at, and the slots its down-sets came from then. */
    private int[] scannedAt;
    private int[] scannedFrom;
    private int[] scannedSrcFrom;
    private int tick;
    private long[][] chainSlots;
    private int[] chainSlotCount;
    private boolean[] dirty;

    private int versions;
    int[] verPos = new int[16];
    int[] verRead = new int[16];
    int[] verSeq = new int[16];
    int[] verPrev = new int[16];
    int[] verSlot = new int[16];
    int[] verChain = new int[16];
    private int seq = 1;

    private final int[] run;
    private final int[] candNode;
    private final int[] candChain;
    private final int[] candPos;
    private final int[] acc;
    private final int[] accS;

    private ViewSaturation(ViewIndex ix, int viewer, boolean pram, CausalOrder causal, long deadline, java.util.function.IntFunction<String> names) {
        this.ix = ix;
        this.names = names;
        this.causal = causal;
        this.p = viewer;
        this.pram = pram;
        // The chains, numbered densely: only those that can lie below a read of the viewer get a number
        // (the viewer's own, and the chains of the writes it read: every edge into a down-set comes
        // from one of them), except under causal memory, where causal pasts may bring in any process.
        this.dimOf = new int[ix.processes];
        Arrays.fill(dimOf, -1);
        int dims = 0;
        int readerDim = -1;
        if (causal != null) {
            for (int q = 0; q < ix.processes; q++) dimOf[q] = dims++;
            readerDim = dimOf[viewer];
        } else {
            readerDim = dims++;
            if (pram) dimOf[viewer] = readerDim;
            for (int r : ix.reads[viewer]) {
                int s = ix.src[r];
                if (s >= 0 && dimOf[ix.proc[s]] < 0) dimOf[ix.proc[s]] = dims++;
            }
        }
        this.k = dims;
        this.reader = readerDim;
        this.procOfDim = new int[dims];
        for (int q = 0; q < ix.processes; q++) if (dimOf[q] >= 0) procOfDim[dimOf[q]] = q;
        procOfDim[reader] = viewer;
        this.deadline = deadline;
        // Node-indexed scratch, one per thread, handed back clean by run(): a history has many views.
        int[] so = SLOT_OF.get();
        if (so == null || so.length < ix.n) {
            so = new int[ix.n];
            Arrays.fill(so, -1);
            SLOT_OF.set(so);
        }
        this.slotOf = so;
        boolean[] rb = READ_BY.get();
        if (rb == null || rb.length < ix.n) {
            rb = new boolean[ix.n];
            READ_BY.set(rb);
        }
        for (int r : ix.reads[viewer]) if (ix.src[r] >= 0) rb[ix.src[r]] = true;
        this.readByViewer = rb;
        chainSlots = new long[k][];
        chainSlotCount = new int[k];
        nearest = new int[k][];
        dirty = new boolean[k];
        run = new int[k];
        candNode = new int[k];
        candChain = new int[k];
        candPos = new int[k];
        acc = new int[k];
        accS = new int[k];
    }

    /**
     * Decides the view of {@code viewer}: PRAM when {@code pram}, else monotonic reads. Null when it
     * gave up (the vectors would be too large, or the deadline passed), for the search to decide.
     */
    static Result decide(ViewIndex ix, int viewer, boolean pram, long deadlineNanos, java.util.function.IntFunction<String> names) {
        return new ViewSaturation(ix, viewer, pram, null, deadlineNanos, names).run();
    }

    /**
     * Decides the view of {@code viewer} for causal memory: the PRAM view that also keeps causal
     * order, {@code causal} (built on the same nodes, acyclic). Each node's causal past joins its
     * down-set as a fixed part, and the saturation is Bouajjani et al.'s per-process happens-before:
     * the view exists exactly when it has no cycle (CyclicHB) and no read of an initial value has a
     * write of its key below it (WriteHBInitRead).
     */
    static Result decideCausal(ViewIndex ix, CausalOrder causal, int viewer, long deadlineNanos, java.util.function.IntFunction<String> names) {
        return new ViewSaturation(ix, viewer, true, causal, deadlineNanos, names).run();
    }

    // ---- the view's chains -------------------------------------------------------------------

    /** The chain number of a node of the view (one of a process that matters to it). */
    int chainOf(int node) {
        int q = ix.proc[node];
        if (q == p && !pram && !ix.write[node]) return reader;
        return dimOf[q];
    }

    int posOf(int node) {
        return ix.proc[node] == p && pram ? ix.posAll[node] : ix.posOwn[node];
    }

    int chainNode(int c, int pos) {
        if (c == reader) return pram ? ix.all[p][pos] : ix.reads[p][pos];
        return ix.writes[procOfDim[c]][pos];
    }

    /** Under causal memory every node counts: a crashed write is a node only when some read returned it, which puts it in causal order. */
    private boolean present(int node) {
        return causal != null || ix.present(node, readByViewer);
    }

    // ---- slots: the nodes where an edge enters a chain -----------------------------------------

    private int slotFor(int node, boolean isRead) {
        int s = slotOf[node];
        if (s >= 0) return s;
        if (slots == slotNode.length) {
            int cap = slots * 2;
            slotNode = Arrays.copyOf(slotNode, cap);
            slotIsRead = Arrays.copyOf(slotIsRead, cap);
            computedAt = Arrays.copyOf(computedAt, cap);
            changedAt = Arrays.copyOf(changedAt, cap);
            edgeAt = Arrays.copyOf(edgeAt, cap);
        }
        if ((long) (slots + 1) * k > pj.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L * k, (long) pj.length * 2));
            int old = pj.length;
            pj = Arrays.copyOf(pj, cap);
            satVer = Arrays.copyOf(satVer, cap);
            Arrays.fill(satVer, old, cap, -1);
        }
        s = slots++;
        slotNode[s] = node;
        slotIsRead[s] = isRead;
        computedAt[s] = -1;
        changedAt[s] = -1;
        edgeAt[s] = -1;
        slotOf[node] = s;
        int c = chainOf(node);
        if (chainSlots[c] == null) chainSlots[c] = new long[4];
        if (chainSlotCount[c] == chainSlots[c].length) chainSlots[c] = Arrays.copyOf(chainSlots[c], chainSlotCount[c] * 2);
        int pos = posOf(node);
        chainSlots[c][chainSlotCount[c]++] = ((long) pos << 32) | s;
        dirty[c] = true;
        // From here to the chain's next slot, this slot is the last at or before each position.
        if (nearest[c] == null) {
            nearest[c] = new int[c == reader ? (pram ? ix.all[p].length : ix.reads[p].length) : ix.writes[procOfDim[c]].length];
            Arrays.fill(nearest[c], -1);
        }
        int[] t = nearest[c];
        int before = t[pos];
        for (int q = pos; q < t.length && t[q] == before; q++) t[q] = s;
        return s;
    }

    /** The last slot of chain c at or before pos, or -1 (from the chain's table, kept as slots are added). */
    private int slotAtOrBefore(int c, int pos) {
        int[] t = nearest[c];
        return t == null ? -1 : t[pos];
    }

    /** Joins the down-set of the node at (c, pos) into {@code into}. */
    private void joinDown(int c, int pos, int[] into) {
        int s = slotAtOrBefore(c, pos);
        if (s >= 0) {
            int b = s * k;
            for (int q = 0; q < k; q++) if (pj[b + q] > into[q]) into[q] = pj[b + q];
        }
        if (causal != null) joinCausal(chainNode(c, pos), into);
        if (pos + 1 > into[c]) into[c] = pos + 1;
    }

    /** Joins a node's causal past, as prefixes of the view's chains, into {@code into}; returns its entry for chain q (-1 for none asked). */
    private int joinCausal(int node, int[] into, int q) {
        int[] clock = causal.clock[node];
        int d = 0;
        for (int c = 0; c < k; c++) {
            // The view's chain c: a process's writes, or all of the viewer's operations.
            int proc = procOfDim[c];
            int v = c == reader ? clock[proc] : ix.writesBefore(proc, clock[proc]);
            if (v > into[c]) into[c] = v;
            if (c == q) d = v;
        }
        return d;
    }

    private void joinCausal(int node, int[] into) {
        joinCausal(node, into, -1);
    }

    // ---- the fixpoint -------------------------------------------------------------------------

    private Result run() {
        try {
            return saturate();
        } finally {
            for (int s = 0; s < slots; s++) slotOf[slotNode[s]] = -1;
            for (int r : ix.reads[p]) if (ix.src[r] >= 0) readByViewer[ix.src[r]] = false;
        }
    }

    private Result saturate() {
        int[] rs = ix.reads[p];
        if ((long) (rs.length * 2 + 16) * k * 2 > MAX_ENTRIES) return null;
        for (int r : rs) {
            int s = ix.src[r];
            if (s == ViewIndex.THIN_AIR) return proof().thinAir(r);
            if (s >= 0 && chainOf(s) != reader && causal == null) slotFor(r, true);
        }
        while (true) {
            if (System.nanoTime() - deadline > 0) return null;
            boolean changed = propagate();
            if (cycleSource >= 0) return proof().cycleWitness(cycleSource, cycleTarget, cycleVersion);
            added = false;
            Result bad = scan();
            if (bad != null) return bad;
            changed |= added;
            if (!changed) return new Result(true, null, List.of());
        }
    }

    /**
     * One Gauss-Seidel sweep over every chain's slots. A slot is recomputed only when something it
     * joins may have grown since it was last computed: the slot before it on its chain, a slot its
     * sources read from, or a new edge into it; otherwise its vector stands and is carried on. A
     * cycle shows here as an edge a → t whose target t already lies below its source a: the first
     * such edge is kept in {@link #cycleSource} and {@link #cycleTarget}.
     */
    private boolean propagate() {
        for (int c = 0; c < k; c++) {
            if (dirty[c]) {
                Arrays.sort(chainSlots[c], 0, chainSlotCount[c]);
                dirty[c] = false;
            }
        }
        boolean changed = false;
        for (int c = 0; c < k; c++) {
            if (chainSlots[c] == null) continue;
            Arrays.fill(run, 0);
            boolean prevChanged = false;
            long[] l = chainSlots[c];
            for (int i = 0; i < chainSlotCount[c]; i++) {
                int s = (int) l[i];
                int pos = (int) (l[i] >>> 32);
                int b = s * k;
                if (!prevChanged && !stale(s)) {
                    System.arraycopy(pj, b, run, 0, k);
                    continue;
                }
                computedAt[s] = ++tick;
                if (run[c] < pos + 1) run[c] = pos + 1;
                if (causal != null) joinCausal(slotNode[s], run);
                if (slotIsRead[s]) {
                    int a = ix.src[slotNode[s]];
                    if (join(srcNear(s), chainOf(a), posOf(a), run, c) > pos) noteCycle(a, slotNode[s], -1);
                } else {
                    for (int c2 = 0; c2 < k; c2++) {
                        int v = satVer[b + c2];
                        if (v >= 0 && join(verNear(v), c2, verPos[v], run, c) > pos) noteCycle(chainNode(c2, verPos[v]), slotNode[s], v);
                    }
                }
                boolean mine = false;
                for (int q = 0; q < k; q++) {
                    if (pj[b + q] != run[q]) {
                        pj[b + q] = run[q];
                        mine = true;
                    }
                }
                if (mine) {
                    changedAt[s] = ++tick;
                    changed = true;
                }
                prevChanged = mine;
            }
        }
        return changed;
    }

    private int cycleSource = -1;
    private int cycleTarget = -1;
    private int cycleVersion = -1;

    private void noteCycle(int a, int t, int version) {
        if (cycleSource >= 0) return;
        cycleSource = a;
        cycleTarget = t;
        cycleVersion = version;
    }

    /**
     * Joins into {@code into} the down-set of the node at (c, pos), whose chain's last slot at or
     * before it is {@code u}; returns that down-set's entry for chain {@code q}.
     */
    private int join(int u, int c, int pos, int[] into, int q) {
        int d = 0;
        if (u >= 0) {
            int b = u * k;
            for (int j = 0; j < k; j++) if (pj[b + j] > into[j]) into[j] = pj[b + j];
            d = pj[b + q];
        }
        if (causal != null) d = Math.max(d, joinCausal(chainNode(c, pos), into, q));
        if (pos + 1 > into[c]) into[c] = pos + 1;
        return q == c ? Math.max(d, pos + 1) : d;
    }

    private int srcNear(int s) {
        int a = ix.src[slotNode[s]];
        return slotAtOrBefore(chainOf(a), posOf(a));
    }

    private int verNear(int v) {
        return slotAtOrBefore(verChain[v], verPos[v]);
    }

    /** Whether a slot must be recomputed: never computed, a new edge in, or a slot it reads from changed since. */
    private boolean stale(int s) {
        int since = computedAt[s];
        if (since < 0 || edgeAt[s] > since) return true;
        if (slotIsRead[s]) {
            int u = srcNear(s);
            return u >= 0 && changedAt[u] > since;
        }
        int b = s * k;
        for (int c2 = 0; c2 < k; c2++) {
            int v = satVer[b + c2];
            if (v < 0) continue;
            int u = verNear(v);
            if (u >= 0 && changedAt[u] > since) return true;
        }
        return false;
    }

    /** Whether the last scan added an edge. */
    private boolean added;

    /**
     * Adds the saturation edges the current down-sets call for, each at once (its target's vector
     * takes in its source's down-set, so later reads of this scan see it); or returns a violation.
     */
    private Result scan() {
        int[] rs = ix.reads[p];
        if (scannedAt == null) {
            scannedAt = new int[rs.length];
            scannedFrom = new int[rs.length];
            scannedSrcFrom = new int[rs.length];
            Arrays.fill(scannedAt, -1);
        }
        for (int ri = 0; ri < rs.length; ri++) {
            int r = rs[ri];
            int s = ix.src[r];
            int x = ix.key[r];
            // Skip a read whose down-set, and its write's, come from the same slots as at its last scan, unchanged since.
            int from = slotAtOrBefore(reader, posOf(r));
            int srcFrom = s < 0 ? -1 : slotAtOrBefore(chainOf(s), posOf(s));
            if (scannedAt[ri] >= 0 && from == scannedFrom[ri] && srcFrom == scannedSrcFrom[ri]
                    && (from < 0 || changedAt[from] < scannedAt[ri]) && (srcFrom < 0 || changedAt[srcFrom] < scannedAt[ri])) {
                continue;
            }
            scannedAt[ri] = ++tick;
            scannedFrom[ri] = from;
            scannedSrcFrom[ri] = srcFrom;
            Arrays.fill(acc, 0);
            joinDown(reader, posOf(r), acc);
            int cs = -1;
            int ps = -1;
            if (s >= 0) {
                cs = chainOf(s);
                ps = posOf(s);
                if (cs == reader && ps > posOf(r)) {
                    return proof().readBeforeItsWrite(s, r);
                }
                Arrays.fill(accS, 0);
                joinDown(cs, ps, accS);
            }
            int[] qs = ix.keyProcs[x];
            int found = 0;
            // The key's writers that matter: those of its writers that have a chain here, or, when the
            // view has fewer chains than the key has writers, those of the chains that wrote it.
            boolean byChain = k < qs.length;
            for (int n = 0, end = byChain ? k : qs.length; n < end; n++) {
                int q;
                int i;
                if (byChain) {
                    if (n == reader && !pram) continue; // the viewer's reads alone: no writes
                    q = procOfDim[n];
                    i = ix.keyIndex(q, x);
                    if (i < 0) continue;
                } else {
                    i = n;
                    q = qs[i];
                }
                int c = q == p && pram ? reader : dimOf[q];
                if (c < 0) continue; // no write of q lies below any read of the viewer
                // Whatever of chain c lies below the read lies below its write already: nothing to add.
                if (s >= 0 && acc[c] <= accS[c]) continue;
                int[] positions = q == p && pram ? ix.keyPosA[x][i] : ix.keyPosW[x][i];
                int j = ViewIndex.lastBelow(positions, acc[c]);
                while (j >= 0 && !present(chainNode(c, positions[j]))) j--;
                if (j < 0) continue;
                int wpos = positions[j];
                int w = chainNode(c, wpos);
                if (w == s) continue;
                if (s == ViewIndex.INITIAL) {
                    return proof().initialOverwritten(w, r);
                }
                if (c == cs) {
                    if (wpos < ps) continue;
                    return proof().overwrittenOnItsChain(s, w, r);
                }
                if (accS[c] > wpos) continue;
                // Latest invoked first: insertion into the few found so far.
                int at = found++;
                while (at > 0 && candNode[at - 1] < w) {
                    candNode[at] = candNode[at - 1];
                    candChain[at] = candChain[at - 1];
                    candPos[at] = candPos[at - 1];
                    at--;
                }
                candNode[at] = w;
                candChain[at] = c;
                candPos[at] = wpos;
            }
            // Each edge added brings its source's down-set below the read's write, which often covers
            // the writes of the other chains: taking the latest first keeps the edges few.
            for (int i = 0; i < found; i++) {
                int c = candChain[i];
                if (accS[c] > candPos[i]) continue;
                join(slotAtOrBefore(c, candPos[i]), c, candPos[i], accS, c);
                if (addEdge(s, c, candPos[i], r)) {
                    added = true;
                    int t = slotOf[s];
                    int b = t * k;
                    boolean grew = false;
                    for (int q = 0; q < k; q++) {
                        if (accS[q] > pj[b + q]) {
                            pj[b + q] = accS[q];
                            grew = true;
                        }
                    }
                    if (grew) changedAt[t] = ++tick;
                }
            }
        }
        return null;
    }

    private boolean addEdge(int target, int c, int wpos, int read) {
        int s = slotFor(target, false);
        int e = s * k + c;
        int cur = satVer[e];
        if (cur >= 0 && verPos[cur] >= wpos) return false;
        if (versions == verPos.length) {
            int cap = versions * 2;
            verPos = Arrays.copyOf(verPos, cap);
            verRead = Arrays.copyOf(verRead, cap);
            verSeq = Arrays.copyOf(verSeq, cap);
            verPrev = Arrays.copyOf(verPrev, cap);
            verSlot = Arrays.copyOf(verSlot, cap);
            verChain = Arrays.copyOf(verChain, cap);
        }
        int v = versions++;
        verPos[v] = wpos;
        verRead[v] = read;
        verSeq[v] = seq++;
        verPrev[v] = cur;
        verSlot[v] = s;
        verChain[v] = c;
        satVer[e] = v;
        edgeAt[s] = ++tick;
        return true;
    }

    /** The proof of a violation found by this run (built on demand: only a violation needs it). */
    private ViewProof proof;

    private ViewProof proof() {
        if (proof == null) proof = new ViewProof(this);
        return proof;
    }
}
