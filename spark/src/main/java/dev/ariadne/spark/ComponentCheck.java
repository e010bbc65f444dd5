package dev.ariadne.spark;

import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.Limits;
import dev.ariadne.checker.split.ComponentOutcome;
import dev.ariadne.checker.split.KeyComponents;
import dev.ariadne.checker.split.SplitPlan;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.ReadOptions;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Checks the components of one Spark partition, whose lines arrive sorted by component and then by
 * line: each component's lines are read as one history with the library's reader, checked with
 * {@link Ariadne#check}, and dropped before the next is read, so a task holds one component at a time.
 */
final class ComponentCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    /** Kept as its parts: {@link ReadOptions} is not serializable. */
    private final HistoryFormat format;
    private final boolean independent;
    private final String model;
    private final String datatype;
    private final SparkCheck.Request request;
    /** Broadcast once to each executor, not shipped with every task. */
    private final Broadcast<KeyComponents> components;

    ComponentCheck(String source, ReadOptions options, String model, String datatype, SparkCheck.Request request, Broadcast<KeyComponents> components) {
        this.source = source;
        this.format = options.format();
        this.independent = options.independent();
        this.model = model;
        this.datatype = datatype;
        this.request = request;
        this.components = components;
    }

    /** The outcomes of the components in a sorted partition, one component read at a time. */
    Iterator<ComponentOutcome> run(Iterator<Tuple2<Tuple2<String, Long>, String>> sorted) {
        return new Iterator<>() {
            Tuple2<Tuple2<String, Long>, String> next = sorted.hasNext() ? sorted.next() : null;
            ComponentOutcome pending = advance();

            private ComponentOutcome advance() {
                while (next != null) {
                    String component = next._1()._1();
                    StringBuilder text = new StringBuilder();
                    long[] indexes = new long[16];
                    int n = 0;
                    while (next != null && next._1()._1().equals(component)) {
                        if (n == indexes.length) indexes = java.util.Arrays.copyOf(indexes, n * 2);
                        indexes[n++] = next._1()._2();
                        text.append(next._2()).append('\n');
                        next = sorted.hasNext() ? sorted.next() : null;
                    }
                    ComponentOutcome o = check(component, text.toString(), java.util.Arrays.copyOf(indexes, n));
                    if (o != null) return o;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public ComponentOutcome next() {
                if (pending == null) throw new NoSuchElementException();
                ComponentOutcome o = pending;
                pending = advance();
                return o;
            }
        };
    }

    /** One component's outcome, or null when it holds no client operation (only the nemesis's events). */
    ComponentOutcome check(String component, String text, long[] indexes) {
        int keys = component.equals(SplitPlan.KEYLESS) ? 0 : components.value().keys(component);
        CheckRequest req = CheckRequest.of(model).withDatatype(datatype).withOptions(request.options())
                .withLimits(new Limits(request.timeoutMillis(), 0, 1));
        return ComponentOutcome.check(source, new ReadOptions(format, independent), component, keys, text, indexes, req);
    }
}
