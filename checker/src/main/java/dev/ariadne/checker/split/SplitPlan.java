package dev.ariadne.checker.split;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Capability;
import dev.ariadne.checker.datatype.Datatypes;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a history is checked part by part, told from its first lines before the rest is read: its
 * format (one event per line), its datatype, and a model that decomposes.
 *
 * <p>Only models that decompose are accepted. Linearizability is local (Herlihy and Wing 1990): a
 * history is linearizable iff each key's sub-history is. The transactional models without session
 * or real-time order are decided by dependencies (ww, wr, rw) and visibility between transactions
 * that share keys: a witness per component (a serial order, a visibility and commit order) composes
 * into one for the history by putting the components one after another, every transaction of an
 * earlier component visible to the later ones (which read none of its keys). Models that use process
 * order or real time (sequential, causal, the strong-session and strict models) do not decompose and
 * are refused.
 *
 * @param format        JSONL, EDN (one map per line) or LOG
 * @param independent   values are Jepsen's independent {@code [k v]} tuples
 * @param datatype      the datatype's name
 * @param inferred      whether the datatype was inferred from the first lines
 * @param transactional whether the datatype is transactional
 * @param model         the model, one that decomposes
 */
public record SplitPlan(HistoryFormat format, boolean independent, String datatype, boolean inferred, boolean transactional,
                        ConsistencyModel model) {
    /** The component of operations that name no key. Canonical keys are JSON texts, so this never is one. */
    public static final String KEYLESS = "*";
    /** Lines read first, to tell the format and infer the datatype. */
    public static final int SAMPLE_LINES = 20_000;
    /** Lines read in one batch. */
    public static final int BATCH = 4096;

    /** Transactional models that use each process's order or real time, and so do not decompose by key. */
    private static final Set<ConsistencyModel> ORDERED = EnumSet.of(ConsistencyModel.STRICT_SERIALIZABLE,
            ConsistencyModel.STRONG_SESSION_SERIALIZABLE, ConsistencyModel.STRONG_SESSION_SNAPSHOT_ISOLATION,
            ConsistencyModel.STRONG_SNAPSHOT_ISOLATION);

    /**
     * The plan for the history at {@code path} whose first lines are {@code head}. {@code format},
     * {@code datatype} and {@code model} may be null: detected, inferred, and serializable for
     * transactions or linearizable otherwise (as {@code ariadne check} chooses). Throws
     * {@link UnsupportedCheck} when the model does not decompose or the datatype cannot be told, and
     * {@link HistoryException} when the first lines cannot be read.
     */
    public static SplitPlan of(String path, List<String> head, HistoryFormat format, boolean independent, String datatype, String model)
            throws HistoryException {
        if ("all".equals(model)) {
            throw new UnsupportedCheck("all takes in models that need the whole history at once (sequential, causal, strict ...): check it"
                    + " without --split, or name one model that decomposes (linearizable, serializable, snapshot-isolation, ...)");
        }
        if (format == HistoryFormat.JSON) {
            throw new UnsupportedCheck("a split check reads one event per line (JSON Lines, EDN with one map per line, or Jepsen log lines),"
                    + " not a JSON array: convert it with ariadne convert --to jsonl");
        }
        HistoryFormat f = format != null ? format : detect(path, head);
        ReadOptions options = new ReadOptions(f, independent);
        String d = datatype != null ? datatype : infer(path, head, options);
        boolean transactional = BuiltinDatatype.byName(d).map(b -> b.has(Capability.TRANSACTIONAL)).orElse(false);
        ConsistencyModel m = ConsistencyModel.byName(model != null ? model : transactional ? "serializable" : "linearizable");
        if (transactional && m == ConsistencyModel.CAUSAL) m = ConsistencyModel.CAUSAL_TRANSACTIONAL;
        refuseUndecomposable(m, d, transactional);
        return new SplitPlan(f, independent, d, datatype == null, transactional, m);
    }

    public ReadOptions readOptions() {
        return new ReadOptions(format, independent);
    }

    /** What names the keys of each line of the history at {@code source}. */
    public EventKeys eventKeys(String source) {
        return new EventKeys(source, readOptions(), datatype, transactional);
    }

    /** The component of an event's keys (all of them lie in one), or {@link #KEYLESS}. */
    public static String component(String[] keys, KeyComponents c) {
        return keys.length == 0 ? KEYLESS : c.of(keys[0]);
    }

    private static HistoryFormat detect(String path, List<String> head) throws HistoryException {
        String text = String.join("\n", head);
        if (text.isBlank()) {
            throw new HistoryException(new HistoryError(path, 0, 0, -1, "no client operations were read (the file is empty): nothing to check"));
        }
        HistoryFormat f = HistoryFormat.detect(text);
        if (f == HistoryFormat.JSONL || f == HistoryFormat.EDN || f == HistoryFormat.LOG) return f;
        throw new HistoryException(new HistoryError(path, 1, 1, -1, "a split check reads one event per line (JSON Lines, EDN with one"
                + " map per line, or Jepsen log lines)" + (f == HistoryFormat.JSON ? "; convert this JSON array with ariadne convert --to jsonl" : "")));
    }

    /** The datatype inferred from the history's first lines, as {@code ariadne check} infers it. */
    private static String infer(String path, List<String> head, ReadOptions options) throws HistoryException {
        History sample;
        try {
            List<String> lines = new ArrayList<>(head.size());
            for (String l : head) lines.add(EventKeys.unwrap(options.format(), l));
            sample = HistoryReader.readString(String.join("\n", lines), options);
        } catch (HistoryException e) {
            long[] idx = new long[head.size()];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            throw EventKeys.relocate(e, idx, idx.length, path, "");
        }
        String d = Datatypes.infer(sample).map(BuiltinDatatype::cliName).orElse(null);
        if (d == null) throw new UnsupportedCheck("cannot tell the datatype from the first " + head.size() + " lines of " + path + "; name it with --datatype");
        return d;
    }

    private static void refuseUndecomposable(ConsistencyModel model, String datatype, boolean transactional) {
        boolean ok = transactional
                ? model.family() == ConsistencyModel.Family.TRANSACTIONAL && !ORDERED.contains(model)
                : model == ConsistencyModel.LINEARIZABLE && BuiltinDatatype.byName(datatype).map(BuiltinDatatype::sequential).orElse(false);
        if (!ok) {
            throw new UnsupportedCheck("a split check runs models that decompose by key: linearizable on single-object datatypes, and the"
                    + " transactional models without process or real-time order (serializable, snapshot-isolation, repeatable-read, ...); "
                    + model.cliName() + " on " + datatype + " needs the whole history at once: check it with ariadne check, without --split");
        }
    }
}
