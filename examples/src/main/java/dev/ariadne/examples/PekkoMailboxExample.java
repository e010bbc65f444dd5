package dev.ariadne.examples;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.history.History;
import dev.ariadne.history.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Apache Pekko typed actors, their messages recorded as a mailbox history: each actor is a process,
 * {@code send [to m]} when it tells another actor, {@code receive → [from m]} when it handles a
 * message. Pekko promises FIFO order per pair of actors, not causal order: a message that travels a
 * slower path (here, a scheduled delivery, as a remote link would be) can arrive after a message it
 * causally precedes.
 */
public final class PekkoMailboxExample {
    private PekkoMailboxExample() {}

    /** A message: who sent it, its value, and whom the receiver forwards a new value to (or -1). */
    public record Deliver(int from, long value, int forwardTo, long forwardValue) {}

    static Behavior<Deliver> node(int self, Recorder rec, Map<Integer, ActorRef<Deliver>> peers, CountDownLatch handled) {
        return Behaviors.receive(Deliver.class).onMessage(Deliver.class, d -> {
            rec.invoke(self, "receive", null).ok(List.of(d.from(), d.value()));
            if (d.forwardTo() >= 0) send(rec, peers, self, d.forwardTo(), new Deliver(self, d.forwardValue(), -1, 0));
            handled.countDown();
            return Behaviors.same();
        }).build();
    }

    static void send(Recorder rec, Map<Integer, ActorRef<Deliver>> peers, int from, int to, Deliver d) {
        Recorder.Pending p = rec.invoke(from, "send", List.of(to, d.value()));
        peers.get(to).tell(d);
        p.ok(List.of(to, d.value()));
    }

    /**
     * Actors 0 and 2 each send {@code n} messages to actor 1; then actor 0 sends a message to actor 2
     * by a path delayed {@code delayMillis} and a message to actor 1 that actor 1 answers by sending to
     * actor 2 at once. Returns the recorded history and its check of the given model.
     */
    public static History run(int n, long delayMillis) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "mailboxes");
        try {
            Recorder rec = new Recorder();
            Map<Integer, ActorRef<Deliver>> peers = new ConcurrentHashMap<>();
            CountDownLatch handled = new CountDownLatch(2 * n + 3);
            for (int i = 0; i < 3; i++) peers.put(i, system.systemActorOf(node(i, rec, peers, handled), "node-" + i, Props.empty()));
            // Actor 2 sends from its own thread (a process of its own in the history), as does actor 0.
            Thread two = new Thread(() -> {
                for (int k = 0; k < n; k++) send(rec, peers, 2, 1, new Deliver(2, 2_000 + k, -1, 0));
            });
            two.start();
            for (int k = 0; k < n; k++) send(rec, peers, 0, 1, new Deliver(0, k, -1, 0));
            two.join();
            // The causal triangle: 0 → 2 (slow), then 0 → 1, and 1 → 2 as soon as it handles that.
            Deliver slow = new Deliver(0, 9_000, -1, 0);
            Recorder.Pending p = rec.invoke(0, "send", List.of(2, slow.value()));
            system.scheduler().scheduleOnce(Duration.ofMillis(delayMillis), () -> peers.get(2).tell(slow), system.executionContext());
            p.ok(List.of(2, slow.value()));
            send(rec, peers, 0, 1, new Deliver(0, 9_001, 2, 9_002));
            if (!handled.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the actors did not handle every message");
            return rec.history();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    public static CheckResult check(History h, String model) {
        return Ariadne.check(h, CheckRequest.of(model).withDatatype("mailbox"));
    }
}
