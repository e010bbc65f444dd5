package dev.ariadne.examples.replicated;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;
import dev.ariadne.history.HistoryException;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A replicated key-value store simulated in one process ({@link Cluster}: seeded network delays,
 * crashes and partitions), with clients that write unique values and read three keys, recorded as a
 * Jepsen history and checked by Ariadne. Each {@link Strategy} documents the models it keeps and
 * breaks; the test confirms them on a seeded fault schedule.
 * <pre>
 * ./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.ariadne.examples.replicated.ReplicatedKvExample
 * </pre>
 */
public final class ReplicatedKvExample {
    private ReplicatedKvExample() {}

    /** Ticks a client waits for an answer before it records {@code info} and carries on as a new process. */
    static final int TIMEOUT = 60;
    static final int KEYS = 3;

    /** A recorded run. */
    public record Run(String strategy, History history, List<String> faults) {
        /** The run's verdict for a single-object model. */
        public CheckResult check(String model) {
            return Ariadne.check(history, CheckRequest.of(model).withDatatype(BuiltinDatatype.REGISTER));
        }
    }

    /**
     * Runs {@code clients} clients making {@code ops} operations each against the named strategy
     * ({@code sync-leader}, {@code async-followers}, {@code quorum-2-2}, {@code quorum-1-1}; three
     * replicas) under a seeded fault schedule; clients move to the next replica every {@code moveEvery} operations.
     */
    public static Run run(String strategy, int clients, int ops, int moveEvery, long seed) throws HistoryException {
        long horizon = 1_000_000;
        Cluster cluster = new Cluster(3, 8, seed);
        Strategy s = switch (strategy) {
            case "sync-leader" -> new SyncLeader(cluster);
            case "async-followers" -> new AsyncFollowers(cluster, (long) ops * clients * 40);
            case "quorum-2-2" -> new LeaderlessQuorum(cluster, 2, 2);
            case "quorum-1-1" -> new LeaderlessQuorum(cluster, 1, 1);
            default -> throw new IllegalArgumentException("unknown strategy " + strategy);
        };
        cluster.faults((long) ops * clients * 20, 80, 60, strategy.startsWith("quorum") ? Set.of() : Set.of(0));
        List<Op> events = new ArrayList<>();
        long[] nextValue = new long[KEYS];
        for (int c = 0; c < clients; c++) new ClientLoop(c, clients, ops, moveEvery, cluster, s, events, nextValue).next();
        cluster.run(horizon);
        return new Run(s.name(), History.of(events), cluster.faultLog);
    }

    /** One client: invoke, wait for the answer or the timeout, think, repeat. */
    private static final class ClientLoop {
        private final int id;
        private final int stride;
        private final int ops;
        private final int moveEvery;
        private final Cluster cluster;
        private final Strategy strategy;
        private final List<Op> events;
        private final long[] nextValue;
        private long process;
        private int done;

        ClientLoop(int id, int stride, int ops, int moveEvery, Cluster cluster, Strategy strategy, List<Op> events, long[] nextValue) {
            this.id = id;
            this.stride = stride;
            this.ops = ops;
            this.moveEvery = moveEvery;
            this.cluster = cluster;
            this.strategy = strategy;
            this.events = events;
            this.nextValue = nextValue;
            this.process = id;
        }

        void next() {
            if (done == ops) return;
            cluster.after(1 + cluster.random().nextInt(10), this::invoke);
        }

        private void invoke() {
            int key = cluster.random().nextInt(KEYS);
            boolean write = cluster.random().nextBoolean();
            int replica = (id + done / Math.max(1, moveEvery)) % cluster.nodes();
            long value = write ? ++nextValue[key] : 0;
            boolean[] settled = {false};
            record(OpType.INVOKE, write, key, write ? Values.of(value) : NullNode.getInstance());
            Runnable timeout = () -> {
                if (settled[0]) return;
                settled[0] = true;
                record(OpType.INFO, write, key, write ? Values.of(value) : NullNode.getInstance());
                process += stride; // the outcome is unknown: carry on as a new process, as Jepsen does
                finish();
            };
            cluster.after(TIMEOUT, timeout);
            if (write) {
                strategy.write(id, replica, key, value, () -> {
                    if (settled[0]) return;
                    settled[0] = true;
                    record(OpType.OK, true, key, Values.of(value));
                    finish();
                });
            } else {
                strategy.read(id, replica, key, v -> {
                    if (settled[0]) return;
                    settled[0] = true;
                    record(OpType.OK, false, key, v == Strategy.NIL ? NullNode.getInstance() : Values.of(v));
                    finish();
                });
            }
        }

        private void finish() {
            done++;
            next();
        }

        private void record(OpType type, boolean write, int key, JsonNode value) {
            long index = events.size();
            events.add(new Op(index, cluster.now() * 1_000_000L, Values.of(process), type, write ? "write" : "read", value, Values.of(key), null, Map.of()));
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> models = List.of("linearizable", "sequential", "causal", "pram", "monotonic-reads", "read-your-writes", "monotonic-writes");
        Map<String, Long> seeds = Map.of("sync-leader", 3L, "async-followers", 3L, "quorum-2-2", 7L, "quorum-1-1", 3L);
        for (String strategy : List.of("sync-leader", "async-followers", "quorum-2-2", "quorum-1-1")) {
            Run run = run(strategy, 4, 25, 3, seeds.get(strategy));
            Map<String, String> v = new LinkedHashMap<>();
            for (String m : models) v.put(m, run.check(m).verdict().name());
            System.out.printf("%-22s %4d ops, %2d faults: %s%n", run.strategy(), run.history().size(), run.faults().size() / 2, v);
        }
    }
}
