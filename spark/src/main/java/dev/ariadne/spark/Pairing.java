package dev.ariadne.spark;

import dev.ariadne.checker.split.EventKeys;
import dev.ariadne.checker.split.KeyComponents;
import dev.ariadne.checker.split.SplitPlan;
import dev.ariadne.history.OpType;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.util.Iterator;

/**
 * Routing for histories whose completions do not all repeat their keys (an {@code info} completion
 * with a null value, say): lines are first sorted by process and line, so each completion meets its
 * invocation (the event before it of its process) and takes the invocation's keys. Costs one more
 * shuffle of the history, so it runs only when the first pass found such a completion.
 */
final class Pairing {
    private Pairing() {}

    static JavaPairRDD<Tuple2<String, Long>, String> byProcess(JavaPairRDD<String, Long> indexed, EventKeys keys,
                                                                Broadcast<KeyComponents> components, int partitions) {
        return indexed
                .mapPartitionsToPair(it -> SparkCheck.map(new RoutedLines(it, keys),
                        t -> new Tuple2<>(new Tuple2<>(t._1().process(), t._1().index()), t)))
                .repartitionAndSortWithinPartitions(new SparkCheck.ByFirst(partitions), new SparkCheck.ByFirstThenLine())
                .mapPartitionsToPair(it -> resolve(it, components.value()));
    }

    /** Lines sorted by process and line, each with the component of its keys or of its invocation's. */
    static Iterator<Tuple2<Tuple2<String, Long>, String>> resolve(Iterator<Tuple2<Tuple2<String, Long>, Tuple2<EventKeys.Routed, String>>> sorted,
                                                                  KeyComponents components) {
        return new Iterator<>() {
            String process;
            String[] pending;

            @Override
            public boolean hasNext() {
                return sorted.hasNext();
            }

            @Override
            public Tuple2<Tuple2<String, Long>, String> next() {
                Tuple2<Tuple2<String, Long>, Tuple2<EventKeys.Routed, String>> t = sorted.next();
                EventKeys.Routed r = t._2()._1();
                if (!r.process().equals(process)) {
                    process = r.process();
                    pending = null;
                }
                String[] keys = r.keys();
                if (r.type() == OpType.INVOKE) {
                    pending = keys;
                } else {
                    if (keys.length == 0 && pending != null) keys = pending;
                    pending = null;
                }
                return new Tuple2<>(new Tuple2<>(SplitPlan.component(keys, components), r.index()), t._2()._2());
            }
        };
    }
}
