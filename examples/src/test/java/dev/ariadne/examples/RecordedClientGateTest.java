package dev.ariadne.examples;

import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.datatype.BuiltinDatatype;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.NilRead;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.Objects;
import dev.ariadne.generators.Runner;
import dev.ariadne.generators.SimObject;
import dev.ariadne.history.History;
import dev.ariadne.history.Values;
import org.junit.jupiter.api.Test;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ariadne.checker.assertj.AriadneAssertions.assertThat;

/**
 * The pattern for a test suite: drive the system under test with concurrent clients, record the
 * history (streamed to a file a CI job can keep and re-check with {@code ./ariadne check}), and gate
 * on the model it promises. Here the system is an {@link AtomicReference} used as a CAS register.
 */
class RecordedClientGateTest {

    /** A client of the register: read, write, and cas that fails definitely when the value differs. */
    static Client clientOf(AtomicReference<JsonNode> register) {
        return call -> switch (call.f()) {
            case "read" -> register.get();
            case "write" -> {
                register.set(call.value());
                yield call.value();
            }
            default -> {
                JsonNode current = register.get();
                // compareAndSet compares references: it succeeds only if no write came in between.
                if (!current.equals(call.value().get(0)) || !register.compareAndSet(current, call.value().get(1))) {
                    throw new Client.DefiniteFailure("value differs");
                }
                yield call.value();
            }
        };
    }

    @Test
    void atomicRegisterRecordedUnderLoadIsLinearizable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        AtomicReference<JsonNode> register = new AtomicReference<>(Values.of(0));
        SimObject workload = Objects.of("cas-register", 4, 1);
        Path file = dir.resolve("history.jsonl");
        History h;
        try (Writer sink = Files.newBufferedWriter(file)) {
            h = History.of(new Runner(4, 200, 7).run(() -> clientOf(register), workload::next, sink));
        }
        CheckRequest promise = CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.CAS_REGISTER)
                .withOptions(new DatatypeOptions(Values.of(0), NilRead.ABSENT));
        assertThat(h).satisfies(promise);
        assertThat(dev.ariadne.history.io.HistoryReader.read(file)).satisfies(promise);
    }
}
