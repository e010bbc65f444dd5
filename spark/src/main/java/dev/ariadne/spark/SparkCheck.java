package dev.ariadne.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.split.ComponentOutcome;
import dev.ariadne.checker.split.EventKeys;
import dev.ariadne.checker.split.KeyComponents;
import dev.ariadne.checker.split.SplitPlan;
import dev.ariadne.checker.split.SplitResult;
import dev.ariadne.history.HistoryError;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.io.EdnParser;
import dev.ariadne.history.io.HistoryFormat;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The per-key and per-component checks fanned out over Apache Spark, for histories that do not fit
 * one machine. A JSON Lines (or one-map-per-line EDN) history is read from any Hadoop file system
 * path; each line is routed to the component of the keys its operation touches; each component is
 * read and checked by the library on an executor, one at a time; the driver gathers one
 * {@link SplitResult}, with the CLI's exit codes.
 *
 * <p>Only models that decompose are accepted. Linearizability is local (Herlihy and Wing 1990): a
 * history is linearizable iff each key's sub-history is. The transactional models without session
 * or real-time order are decided by dependencies (ww, wr, rw) and visibility between transactions
 * that share keys: a witness per component (a serial order, a visibility and commit order) composes
 * into one for the history by putting the components one after another, every transaction of an
 * earlier component visible to the later ones (which read none of its keys). Models that use process
 * order or real time (sequential, causal, the strong-session and strict models) do not decompose and
 * are refused.
 */
public final class SparkCheck {
    private SparkCheck() {}

    /** Where the components are checked, as the report says. */
    static final String WHERE = "on Apache Spark";

    /**
     * What to check.
     *
     * @param model         the model's name, as {@code ariadne check --model} takes it; null for serializable on
     *                      transactions and linearizable otherwise
     * @param datatype      the datatype's name, or null to infer it from the first lines
     * @param format        JSONL or EDN, or null to detect it from the first line
     * @param independent   values are Jepsen's independent {@code [k v]} tuples
     * @param timeoutMillis a time limit per component (0: none); a component past it is UNKNOWN
     * @param partitions    Spark partitions for the components (0: four per core)
     * @param initial       the datatype's initial value as EDN or JSON text ({@code ariadne check --initial}), or null
     * @param nilRead       what a read of nil means: {@code absent} (default) or {@code unknown} ({@code --nil-read})
     */
    public record Request(String model, String datatype, HistoryFormat format, boolean independent, long timeoutMillis, int partitions,
                          String initial, String nilRead) implements Serializable {
        public static Request of(String model) {
            return new Request(model, null, null, false, 0, 0, null, "absent");
        }

        public Request withDatatype(String d) {
            return new Request(model, d, format, independent, timeoutMillis, partitions, initial, nilRead);
        }

        public Request withIndependent(boolean i) {
            return new Request(model, datatype, format, i, timeoutMillis, partitions, initial, nilRead);
        }

        public Request withPartitions(int n) {
            return new Request(model, datatype, format, independent, timeoutMillis, n, initial, nilRead);
        }

        public Request withTimeout(long millis) {
            return new Request(model, datatype, format, independent, millis, partitions, initial, nilRead);
        }

        /** The datatype's initial value and the meaning of a nil read, as {@code ariadne check --initial --nil-read} take them. */
        public Request withOptions(String initialValue, String nil) {
            return new Request(model, datatype, format, independent, timeoutMillis, partitions, initialValue, nil);
        }

        /** The options as the library takes them; throws {@link IllegalArgumentException} saying what is wrong. */
        DatatypeOptions options() {
            JsonNode init = null;
            if (initial != null) {
                try {
                    EdnParser p = new EdnParser(new StringReader(initial));
                    init = p.read();
                    if (p.skipBlank() >= 0) throw new IllegalArgumentException("--initial: unexpected text after " + init);
                } catch (IOException e) {
                    throw new IllegalArgumentException("--initial: cannot read " + initial + ": " + e.getMessage());
                }
            }
            return new DatatypeOptions(init, NilRead.parse(nilRead == null ? "absent" : nilRead));
        }
    }

    /**
     * Checks the history at {@code path} (any Hadoop file system path Spark reads). Throws
     * {@link UnsupportedCheck} when the model does not decompose or the datatype cannot be told, and
     * {@link HistoryException} when the history cannot be read (located by file and line).
     */
    public static SplitResult check(SparkSession spark, String path, Request request) throws HistoryException {
        long t0 = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> text = sc.textFile(path);
        List<String> head = text.take(SplitPlan.SAMPLE_LINES);
        SplitPlan plan = SplitPlan.of(path, head, request.format(), request.independent(), request.datatype(), request.model());
        request.options();

        EventKeys keys = plan.eventKeys(path);
        JavaPairRDD<String, Long> indexed = text.zipWithIndex();

        // Pass 1: the pairs of keys that operations join, lines the reader rejects, and whether any
        // completion leaves its keys to its invocation.
        LongAccumulator events = sc.sc().longAccumulator("events");
        LongAccumulator unresolved = sc.sc().longAccumulator("unresolved");
        LongAccumulator anonymous = sc.sc().longAccumulator("anonymous");
        List<String[]> facts = indexed.mapPartitions(it -> {
            Set<List<String>> seen = new HashSet<>();
            RoutedLines lines = new RoutedLines(it, keys);
            while (lines.hasNext()) {
                EventKeys.Routed r = lines.next()._1();
                events.add(1);
                if (r.unresolved()) unresolved.add(1);
                if (r.process().isEmpty()) anonymous.add(1);
                for (int i = 1; i < r.keys().length; i++) seen.add(List.of(r.keys()[0], r.keys()[i]));
            }
            List<String[]> out = new ArrayList<>(seen.size());
            for (List<String> p : seen) out.add(new String[] {p.get(0), p.get(1)});
            for (HistoryError e : lines.errors()) out.add(new String[] {Integer.toString(e.line()), Integer.toString(e.column()), e.message()});
            return out.iterator();
        }).collect();
        List<String[]> pairs = new ArrayList<>(facts.size());
        List<HistoryError> errors = new ArrayList<>();
        for (String[] f : facts) {
            if (f.length == 2) pairs.add(f);
            else errors.add(new HistoryError(path, Integer.parseInt(f[0]), Integer.parseInt(f[1]), -1, f[2]));
        }
        if (!errors.isEmpty()) throw unreadable(errors);
        if (anonymous.value() > 0) {
            throw new HistoryException(new HistoryError(path, 0, 0, -1, anonymous.value() + " events name no process: the Spark check pairs"
                    + " invocations with completions per process across partitions, so every event needs one (check this file with ariadne check)"));
        }
        KeyComponents components = KeyComponents.of(pairs);
        Broadcast<KeyComponents> shared = sc.broadcast(components);

        // Pass 2: each line to its component, sorted by component and line, each component checked as it is read.
        int parts = request.partitions() > 0 ? request.partitions() : Math.max(1, sc.defaultParallelism() * 4);
        JavaPairRDD<Tuple2<String, Long>, String> routed = unresolved.value() == 0
                ? indexed.mapPartitionsToPair(it -> map(new RoutedLines(it, keys),
                        t -> new Tuple2<>(new Tuple2<>(SplitPlan.component(t._1().keys(), shared.value()), t._1().index()), t._2())))
                : Pairing.byProcess(indexed, keys, shared, parts);
        ComponentCheck checker = new ComponentCheck(path, plan.readOptions(), plan.model().cliName(), plan.datatype(), request, shared);
        List<ComponentOutcome> outcomes = routed
                .repartitionAndSortWithinPartitions(new ByFirst(parts), new ByFirstThenLine())
                .mapPartitions(checker::run)
                .collect();
        shared.destroy();
        return SplitResult.of(path, plan.model().cliName(), plan.datatype(), plan.inferred(), outcomes, events.value(),
                components.shared(), System.nanoTime() - t0, WHERE);
    }

    /** The iterator's elements mapped lazily. */
    static <A, B> Iterator<B> map(Iterator<A> it, java.util.function.Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public B next() {
                return f.apply(it.next());
            }
        };
    }

    /** The unreadable lines' errors, first lines first, as one exception. */
    private static HistoryException unreadable(List<HistoryError> errors) {
        errors.sort(Comparator.comparingInt(HistoryError::line));
        return new HistoryException(errors.subList(0, Math.min(errors.size(), HistoryException.MAX_ERRORS)), errors.size());
    }

    /** Spark partition of a (component, line) pair: by the component alone, so each component's lines meet in one task. */
    static final class ByFirst extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        ByFirst(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            @SuppressWarnings("unchecked") Tuple2<String, Long> k = (Tuple2<String, Long>) key;
            return Math.floorMod(k._1().hashCode(), n);
        }
    }

    /** Component, then line: within a task each component's lines arrive together and in the file's order. */
    static final class ByFirstThenLine implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            int c = a._1().compareTo(b._1());
            return c != 0 ? c : Long.compare(a._2(), b._2());
        }
    }
}
