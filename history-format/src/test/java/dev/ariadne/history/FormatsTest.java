package dev.ariadne.history;

import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatsTest {
    static History read(String text) throws HistoryException {
        return HistoryReader.readString(text, ReadOptions.DEFAULT);
    }

    @Test
    void detectsEachFormat() {
        assertThat(HistoryFormat.detect("[{\"type\":\"invoke\"}]")).isEqualTo(HistoryFormat.JSON);
        assertThat(HistoryFormat.detect("  {\"type\":\"invoke\"}\n{\"type\":\"ok\"}")).isEqualTo(HistoryFormat.JSONL);
        assertThat(HistoryFormat.detect("{:type :invoke}")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("[{:type :invoke}]")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("; comment\n{:type :invoke}")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("INFO  jepsen.util - 3\t:invoke\t:cas\t[3 0]")).isEqualTo(HistoryFormat.LOG);
        assertThat(HistoryFormat.detect("hello")).isNull();
        assertThat(HistoryFormat.detect("")).isEqualTo(HistoryFormat.JSONL);
    }

    @Test
    void sameHistoryInEveryFormatReadsEqual() throws Exception {
        String json = "[{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"cas\",\"value\":[3,0]},"
                + "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"cas\",\"value\":[3,0]}]";
        String jsonl = "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"cas\",\"value\":[3,0]}\n"
                + "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"cas\",\"value\":[3,0]}\n";
        String edn = "; a cas\n[{:index 0 :type :invoke, :process 0, :f :cas, :value [3 0]}\n {:index 1 :type :ok :process 0 :f :cas :value [3 0]}]";
        String log = "INFO  jepsen.util - 0\t:invoke\t:cas\t[3 0]\nINFO  jepsen.util - 0\t:ok\t:cas\t[3 0]\n";
        List<Op> expected = read(json).events();
        assertThat(read(jsonl).events()).isEqualTo(expected);
        assertThat(read(edn).events()).isEqualTo(expected);
        assertThat(read(log).events()).isEqualTo(expected);
        assertThat(expected.get(0).value()).isEqualTo(Values.of(List.of(3, 0)));
    }

    @Test
    void pairsInvocationsAndFillsPlaceholders() throws Exception {
        History h = read("""
                {"type":"invoke","process":0,"f":"read","value":null}
                {"type":"invoke","process":1,"f":"write","value":3}
                {"type":"ok","process":0,"f":"read","value":3}
                {"type":"info","process":1,"f":"write","value":3}
                {"type":"invoke","process":2,"f":"cas","value":[3,4]}
                {"type":"fail","process":2,"f":"cas","value":[3,4]}
                {"type":"invoke","process":3,"f":"read","value":null}
                {"type":"info","process":"nemesis","f":"start","value":null}
                """);
        assertThat(h.size()).isEqualTo(4);
        Operation read = h.operation(0);
        assertThat(read.outcome()).isEqualTo(OpType.OK);
        assertThat(read.value()).isEqualTo(Values.of(3));
        assertThat(read.returnPosition()).isEqualTo(2);
        assertThat(h.operation(1).outcome()).isEqualTo(OpType.INFO);
        assertThat(h.operation(1).returnPosition()).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.operation(2).outcome()).isEqualTo(OpType.FAIL);
        assertThat(h.operation(3).outcome()).as("never completed").isEqualTo(OpType.INFO);
        assertThat(h.operation(3).completePosition()).isEqualTo(-1);
        assertThat(h.nemesisEvents()).hasSize(1);
        assertThat(h.events().get(7).index()).as("index defaults to position").isEqualTo(7);
    }

    @Test
    void keepsUnknownFieldsAndOptionalOnes() throws Exception {
        History h = read("{\"index\":5,\"time\":12,\"type\":\"invoke\",\"process\":0,\"f\":\"get\",\"key\":\"x\",\"value\":null,\"node\":\"n1\"}\n"
                + "{\"index\":6,\"time\":15,\"type\":\"fail\",\"process\":0,\"f\":\"get\",\"key\":\"x\",\"value\":null,\"error\":\"timeout\"}");
        Op inv = h.events().get(0);
        assertThat(inv.extra()).containsEntry("node", Values.of("n1"));
        assertThat(inv.time()).isEqualTo(12);
        assertThat(inv.key()).isEqualTo(Values.of("x"));
        assertThat(h.events().get(1).error()).isEqualTo(Values.of("timeout"));
    }

    @Test
    void independentTuplesBecomeKeys() throws Exception {
        History h = HistoryReader.readString("{:type :invoke, :process 0, :f :write, :value [:k1 3]}\n{:type :ok, :process 0, :f :write, :value [:k1 3]}",
                new ReadOptions(null, true));
        assertThat(h.operation(0).key()).isEqualTo(Values.of("k1"));
        assertThat(h.operation(0).value()).isEqualTo(Values.of(3));
    }

    @Test
    void ednReadsJepsenExtras() throws Exception {
        History h = read("""
                ; comment
                {:type :invoke, :f :txn, :value [[:append :x 1] [:r :y nil]], :process 0, :time 1N, #_ :ignored #_ 1}
                #jepsen.history.Op{:type :ok, :f :txn, :value [[:append :x 1] [:r :y [1 2]]], :process 0, :tag #inst "2020-01-01", :s #{1}, :c \\a}
                """);
        Operation o = h.operation(0);
        assertThat(o.txn()).hasSize(2);
        assertThat(o.txn().get(1).isRead()).isTrue();
        assertThat(o.txn().get(1).value()).isEqualTo(Values.of(List.of(1, 2)));
        assertThat(h.events().get(1).extra()).containsKeys("tag", "s", "c");
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> read("hello world"))
                .isInstanceOf(HistoryException.class).hasMessageContaining("cannot tell the format");
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n{\"type\":\"done\",\"process\":0,\"f\":\"read\"}"))
                .hasMessageContaining("<string>:2:1").hasMessageContaining("unknown type done");
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\n\"f\":\"read\",}"))
                .hasMessageContaining("<string>:2").hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> read("[{:type :invoke, :process 0 :f :read}\n {:type :ok :process 0 :f :read :value [1 2}]"))
                .hasMessageContaining("<string>:2").hasMessageContaining("malformed EDN");
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":[1],\"f\":\"read\"}"))
                .hasMessageContaining("process must be an integer or a name");
    }
}
