package dev.ariadne.checker.split;

import dev.ariadne.history.HistoryException;
import dev.ariadne.history.OpType;
import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of each line, read alone, without Spark. */
class EventKeysTest {
    static EventKeys keys(HistoryFormat f, String datatype, boolean txn) {
        return new EventKeys("h", new ReadOptions(f, false), datatype, txn);
    }

    @Test
    void kvLinesNameTheirKeyAndCompletionsWithoutOneAreUnresolved() throws Exception {
        List<String> lines = List.of(
                "{\"type\":\"invoke\",\"process\":3,\"f\":\"put\",\"key\":\"a\",\"value\":1}",
                "{\"type\":\"info\",\"process\":3,\"f\":\"put\",\"value\":null}",
                "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start\",\"value\":null}",
                "{\"type\":\"ok\",\"process\":4,\"f\":\"get\",\"key\":\"b\",\"value\":2}");
        List<EventKeys.Routed> r = keys(HistoryFormat.JSONL, "kv", false).route(lines, new long[] {10, 11, 15, 20});
        assertThat(r).extracting(EventKeys.Routed::index).containsExactly(10L, 11L, 15L, 20L);
        assertThat(r.get(0).keys()).containsExactly("\"a\"");
        assertThat(r.get(0).type()).isEqualTo(OpType.INVOKE);
        assertThat(r.get(0).unresolved()).isFalse();
        assertThat(r.get(1).keys()).isEmpty();
        assertThat(r.get(1).unresolved()).isTrue();
        // The nemesis names no key but is not a client: it never waits for an invocation's keys.
        assertThat(r.get(2).clientProcess()).isFalse();
        assertThat(r.get(2).unresolved()).isFalse();
        assertThat(r.get(3).keys()).containsExactly("\"b\"");
        assertThat(r.get(3).process()).isEqualTo("4");
    }

    @Test
    void transactionsNameEveryKeyOnce() throws Exception {
        List<String> lines = List.of("{\"type\":\"ok\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",2,1],[\"r\",1,[1]],[\"r\",2,[1]]]}",
                "{\"type\":\"invoke\",\"process\":1,\"f\":\"txn\",\"value\":[]}");
        List<EventKeys.Routed> r = keys(HistoryFormat.JSONL, "list-append", true).route(lines, new long[] {0, 1});
        assertThat(r.get(0).keys()).containsExactly("2", "1");
        assertThat(r.get(1).keys()).isEmpty();
        // An invocation with no value, or a value that is not a list of micro-ops, names no key (the check says what is wrong).
        List<String> odd = List.of("{\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":null}",
                "{\"type\":\"invoke\",\"process\":1,\"f\":\"txn\",\"value\":[[\"append\",1]]}");
        List<EventKeys.Routed> o = keys(HistoryFormat.JSONL, "list-append", true).route(odd, new long[] {0, 1});
        assertThat(o.get(0).keys()).isEmpty();
        assertThat(o.get(1).keys()).isEmpty();
    }

    @Test
    void errorsAreLocatedInTheFile() {
        List<String> lines = List.of("{\"type\":\"invoke\",\"process\":0,\"f\":\"put\",\"key\":\"a\",\"value\":1}", "{\"type\":\"ok\",\"process\":0,,}");
        assertThatThrownBy(() -> keys(HistoryFormat.JSONL, "kv", false).route(lines, new long[] {99, 499, 0, 0}))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("h:500:");
        // An error on the batch's first line, and the hint only where lines are not JSON Lines.
        assertThatThrownBy(() -> keys(HistoryFormat.JSONL, "kv", false).route(List.of("{\"type\":1,,}"), new long[] {41}))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("h:42:").hasMessageNotContaining("convert");
        assertThatThrownBy(() -> keys(HistoryFormat.EDN, "kv", false).route(List.of("{:type :invoke :process}"), new long[] {41}))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("h:42:").hasMessageContaining("ariadne convert --to jsonl");
        // Two events on one line could belong to two components: refused.
        List<String> two = List.of("{:process 0, :type :invoke, :f :write, :value 1} {:process 0, :type :ok, :f :write, :value 1}");
        assertThatThrownBy(() -> keys(HistoryFormat.EDN, "register", false).route(two, new long[] {2}))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("h:3:").hasMessageContaining("one event per line");
        // A line that only continues the event before it cannot be routed alone.
        List<String> spread = List.of("{:process 0, :type :invoke, :f :write,", " :value 1}");
        assertThatThrownBy(() -> keys(HistoryFormat.EDN, "register", false).route(spread, new long[] {6, 7}))
                .isInstanceOf(HistoryException.class).hasMessageStartingWith("h:8:").hasMessageContaining("convert");
    }

    @Test
    void ednBracketsAroundMapsAreDropped() {
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "[{:process 0}")).isEqualTo("{:process 0}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, " {:process 0, :value [1 2]}]")).isEqualTo("{:process 0, :value [1 2]}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "({:a 1})")).isEqualTo("{:a 1}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, ")")).isEmpty();
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "[{}")).isEqualTo("{}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "{}]")).isEqualTo("{}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "[{}]")).isEqualTo("{}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, "{:a [1]}")).isEqualTo("{:a [1]}");
        assertThat(EventKeys.unwrap(HistoryFormat.EDN, " {:value [1 2]}")).isEqualTo(" {:value [1 2]}");
        assertThat(EventKeys.unwrap(HistoryFormat.JSONL, "[{\"a\":1}]")).isEqualTo("[{\"a\":1}]");
    }
}
