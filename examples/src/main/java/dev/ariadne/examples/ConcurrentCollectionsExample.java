package dev.ariadne.examples;

import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.datatype.BuiltinDatatype;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Runner;
import dev.ariadne.generators.SimObject;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;

/**
 * Java's own concurrent collections under Ariadne: a {@link ConcurrentHashMap} as a key-value store
 * (get, put, and append as an atomic {@code merge}) and a {@link ConcurrentLinkedQueue} as a FIFO
 * queue, driven by the {@link Runner} and checked for linearizability. Each has a racy twin that
 * breaks it on purpose: an append that reads and then writes (two appends meet between the two and
 * one is lost), and a dequeue that peeks and then removes (two dequeues take the same element).
 */
public final class ConcurrentCollectionsExample {
    private ConcurrentCollectionsExample() {}

    /** A key-value client over a shared map; {@code racy} makes append a read-then-write. */
    public static final class MapClient implements Client {
        private final Map<JsonNode, String> map;
        private final CyclicBarrier race;

        /** @param race null for the atomic append; a barrier for the racy one (two appends meet there) */
        public MapClient(Map<JsonNode, String> map, CyclicBarrier race) {
            this.map = map;
            this.race = race;
        }

        @Override
        public JsonNode invoke(SimObject.Call call) {
            JsonNode k = call.key();
            switch (call.f()) {
                case "get":
                    return Values.of(map.getOrDefault(k, ""));
                case "put":
                    map.put(k, call.value().textValue());
                    return call.value();
                default:
                    if (race == null) {
                        map.merge(k, call.value().textValue(), String::concat);
                    } else {
                        String seen = map.getOrDefault(k, "");
                        Race.meet(race);
                        map.put(k, seen + call.value().textValue());
                    }
                    return call.value();
            }
        }
    }

    /** A queue client over a shared queue; {@code racy} makes dequeue a peek, then a remove. */
    public static final class QueueClient implements Client {
        private final Queue<Long> queue;
        private final CyclicBarrier race;

        public QueueClient(Queue<Long> queue, CyclicBarrier race) {
            this.queue = queue;
            this.race = race;
        }

        @Override
        public JsonNode invoke(SimObject.Call call) {
            if (call.f().equals("enqueue")) {
                queue.offer(call.value().longValue());
                return call.value();
            }
            Long head;
            if (race == null) {
                head = queue.poll();
            } else {
                head = queue.peek();
                Race.meet(race);
                if (head != null) queue.remove(head);
            }
            return head == null ? NullNode.getInstance() : Values.of(head);
        }
    }

    /** Records {@code threads} clients over one shared map, and checks the history for linearizability (kv). */
    public static CheckResult map(boolean racy, int threads, int opsPerThread, long seed) throws Exception {
        Map<JsonNode, String> map = new ConcurrentHashMap<>();
        CyclicBarrier race = racy ? new CyclicBarrier(threads) : null;
        SimObject workload = racy ? appendThenGet() : Objects.of("kv", 3, 2);
        History h = History.of(new Runner(threads, opsPerThread, seed).run(() -> new MapClient(map, race), workload::next, null));
        return Ariadne.check(h, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.KV));
    }

    /** Records {@code threads} clients over one shared queue, and checks the history for linearizability (queue). */
    public static CheckResult queue(boolean racy, int threads, int opsPerThread, long seed) throws Exception {
        Queue<Long> queue = new ConcurrentLinkedQueue<>();
        CyclicBarrier race = racy ? new CyclicBarrier(threads) : null;
        SimObject workload = racy ? enqueueThenDequeue() : Objects.of("queue", 0, 1);
        History h = History.of(new Runner(threads, opsPerThread, seed).run(() -> new QueueClient(queue, race), workload::next, null));
        return Ariadne.check(h, CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.QUEUE));
    }

    /** A workload in which each client thread alternates two calls, first one then the other (the racy runs meet at the first). */
    private static SimObject alternating(String datatype, java.util.function.IntFunction<SimObject.Call> first, SimObject.Call second) {
        return new SimObject() {
            private final ThreadLocal<Integer> calls = ThreadLocal.withInitial(() -> 0);
            private int next;

            public String datatype() {
                return datatype;
            }

            public Call next(java.util.SplittableRandom rnd) {
                int n = calls.get();
                calls.set(n + 1);
                return n % 2 == 0 ? first.apply(next++) : second;
            }

            public Result apply(Call call) {
                throw new UnsupportedOperationException("a workload only");
            }
        };
    }

    /** Each client thread appends a fresh letter to one key, then reads it: the racy appends meet at once, and the reads show the loss. */
    private static SimObject appendThenGet() {
        return alternating("kv", i -> new SimObject.Call("append", Values.of("k"), Values.of(String.valueOf((char) ('a' + i % 26)))),
                new SimObject.Call("get", Values.of("k"), NullNode.getInstance()));
    }

    /** Each client thread enqueues a fresh value, then dequeues: the racy dequeues meet with both values queued. */
    private static SimObject enqueueThenDequeue() {
        return alternating("queue", i -> new SimObject.Call("enqueue", null, Values.of(i)), new SimObject.Call("dequeue", null, NullNode.getInstance()));
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ConcurrentHashMap:        " + map(false, 4, 200, 1).summary());
        System.out.println("racy read-then-write map: " + map(true, 2, 2, 1).summary());
        System.out.println("ConcurrentLinkedQueue:    " + queue(false, 4, 200, 1).summary());
        System.out.println("racy peek-then-remove:    " + queue(true, 2, 2, 1).summary());
    }
}
