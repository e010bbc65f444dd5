package dev.ariadne.history;

import org.junit.jupiter.api.Test;

import static dev.ariadne.history.FormatsTest.read;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** Each of the validation rules names the line, the op and what is wrong. */
class ValidationTest {

    @Test
    void completionWithoutInvocation() {
        // In a history that records invocations, a completion needs one (a history of completions only is Elle's form, and read).
        assertThatThrownBy(() -> read("{\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n{\"type\":\"invoke\",\"process\":1,\"f\":\"read\",\"value\":null}"))
                .hasMessageContaining("<string>:1 (op 0)").hasMessageContaining("has no pending invocation");
    }

    @Test
    void secondInvocationWhilePending() {
        assertThatThrownBy(() -> read("""
                {"type":"invoke","process":0,"f":"read"}
                {"type":"invoke","process":0,"f":"write","value":1}
                """)).hasMessageContaining("<string>:2 (op 1)").hasMessageContaining("still pending");
    }

    @Test
    void completionWithAnotherF() {
        assertThatThrownBy(() -> read("""
                {"type":"invoke","process":0,"f":"read"}
                {"type":"ok","process":0,"f":"write","value":1}
                """)).hasMessageContaining("differs from its invocation's f read");
    }

    @Test
    void invocationAfterInfo() {
        assertThatThrownBy(() -> read("""
                {"type":"invoke","process":0,"f":"write","value":1}
                {"type":"info","process":0,"f":"write","value":1}
                {"type":"invoke","process":0,"f":"read"}
                """)).hasMessageContaining("<string>:3").hasMessageContaining("never invokes again");
    }

    @Test
    void malformedMicroOp() {
        assertThatThrownBy(() -> read("""
                {"type":"invoke","process":0,"f":"txn","value":[["append",1]]}
                """)).hasMessageContaining("micro-op 0 of the txn is malformed");
    }

    @Test
    void duplicateIndex() {
        assertThatThrownBy(() -> read("""
                {"index":3,"type":"invoke","process":0,"f":"read"}
                {"index":3,"type":"ok","process":0,"f":"read","value":1}
                """)).hasMessageContaining("duplicate index 3");
    }

    @Test
    void missingType() {
        assertThatThrownBy(() -> read("{\"process\":0,\"f\":\"read\"}")).hasMessageContaining("has no type");
    }

    @Test
    void collectsSeveralErrors() {
        try {
            read("""
                    {"type":"invoke","process":2,"f":"read","value":null}
                    {"type":"ok","process":0,"f":"read","value":1}
                    {"type":"ok","process":1,"f":"read","value":1}
                    """);
        } catch (HistoryException e) {
            assertThat(e.errors()).hasSize(2);
            return;
        }
        throw new AssertionError("expected a HistoryException");
    }

    @Test
    void recorderBuildsAValidHistory() throws Exception {
        Recorder rec = new Recorder();
        Recorder.Pending w = rec.invoke(0, "write", 3);
        Recorder.Pending r = rec.invoke(1, "read", null);
        w.ok();
        r.ok(3);
        rec.nemesis("partition", "n1");
        History h = rec.history();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.operation(1).value()).isEqualTo(Values.of(3));
        assertThat(h.events()).allMatch(Op::hasTime);
        assertThat(h.nemesisEvents()).hasSize(1);
    }
}
