package dev.ariadne.generators;

import dev.ariadne.history.History;
import dev.ariadne.history.Operation;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerTest {

    @Test
    void recordsOkFailAndInfoAndStreamsThemAsTheyHappen() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SimObject register = Objects.of("cas-register", 3, 1);
        Client client = call -> {
            int n = calls.incrementAndGet();
            if (n % 7 == 0) throw new java.util.concurrent.TimeoutException("no answer");
            synchronized (register) {
                SimObject.Result r = register.apply(call);
                if (!r.ok()) throw new Client.DefiniteFailure("cas mismatch");
                return r.value();
            }
        };
        StringWriter sink = new StringWriter();
        List<dev.ariadne.history.Op> events = new Runner(4, 25, 42).run(() -> client, register::next, sink);
        History h = History.of(events);
        History streamed = HistoryReader.readString(sink.toString(), ReadOptions.DEFAULT);
        assertThat(streamed.events()).isEqualTo(h.events());
        assertThat(h.size()).isEqualTo(100);
        assertThat(h.operations()).anyMatch(Operation::isInfo).anyMatch(Operation::isFail).anyMatch(Operation::isOk);
        // A process that ended with info never invokes again: its thread went on under a new number.
        assertThat(h.processCount()).isGreaterThan(4);
        for (Operation o : h.operations()) {
            if (o.isInfo()) assertThat(o.completion().error().asText()).contains("no answer");
            if (o.isFail()) assertThat(o.f()).isEqualTo("cas");
        }
    }

    @Test
    void aFaultScheduleDrivesTheNemesisAndTheHistoryRecordsIt() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SimObject register = Objects.of("register", 3, 1);
        Client client = call -> {
            Thread.sleep(1);
            if (paused.get()) throw new java.util.concurrent.TimeoutException("paused");
            synchronized (register) {
                return register.apply(call).value();
            }
        };
        Nemesis nemesis = new Nemesis() {
            public void start(String fault) {
                calls.add("start " + fault);
                paused.set(true);
            }

            public void stop(String fault) {
                calls.add("stop " + fault);
                paused.set(false);
            }
        };
        StringWriter sink = new StringWriter();
        FaultSchedule schedule = new FaultSchedule(List.of("pause"), 20, 20, 3);
        List<dev.ariadne.history.Op> events = new Runner(3, 60, 5).run(() -> client, register::next, sink, nemesis, schedule);
        History h = HistoryReader.readString(sink.toString(), ReadOptions.DEFAULT);
        assertThat(h.size()).isEqualTo(180);
        assertThat(calls).isNotEmpty().startsWith("start pause").endsWith("stop pause");
        assertThat(h.nemesisEvents()).hasSize(calls.size());
        assertThat(h.nemesisEvents()).extracting(e -> e.f()).contains("start-pause", "stop-pause");
        assertThat(h.operations()).anyMatch(Operation::isInfo);
        // The timetable is reproducible: the same seed gives the same steps.
        var a = schedule.steps();
        var b = new FaultSchedule(List.of("pause"), 20, 20, 3).steps();
        for (int i = 0; i < 5; i++) assertThat(a.next()).isEqualTo(b.next());
    }
}
