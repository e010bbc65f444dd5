package dev.ariadne.checker.broadcast;

import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.UnsupportedCheck;
import dev.ariadne.checker.report.BroadcastAnomaly;
import dev.ariadne.checker.report.BroadcastCounterexample;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.HierarchyResult;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-written broadcast and mailbox histories, one per violation, with the operations each must name. */
class BroadcastClassicsTest {

    /** Lines "process f value result" become an invocation and its completion (type ok unless a fifth field says so). */
    static History history(String... ops) throws Exception {
        StringBuilder edn = new StringBuilder();
        for (String op : ops) {
            String[] p = op.trim().split("\\s+");
            String type = p.length > 4 ? p[4] : "ok";
            edn.append("{:process ").append(p[0]).append(" :type :invoke :f :").append(p[1]).append(" :value ").append(p[2]).append("}\n");
            edn.append("{:process ").append(p[0]).append(" :type :").append(type).append(" :f :").append(p[1]).append(" :value ").append(p[3]).append("}\n");
        }
        return HistoryReader.readString(edn.toString(), ReadOptions.DEFAULT);
    }

    static CheckResult check(History h, String model) {
        return Ariadne.check(h, CheckRequest.of(model));
    }

    static List<Long> ops(CheckResult r) {
        return ((BroadcastCounterexample) r.counterexamples().get(0)).operations().stream().map(OpView::index).toList();
    }

    @Test
    void aCausalChainThroughAThirdProcess() throws Exception {
        History h = history("0 broadcast 1 1", "1 receive nil 1", "1 broadcast 2 2", "2 receive nil 2", "2 receive nil 1", "0 receive nil 1", "0 receive nil 2");
        assertThat(check(h, "fifo-order").verdict()).isEqualTo(Verdict.VALID);
        CheckResult causal = check(h, "causal-order");
        assertThat(causal.verdict()).isEqualTo(Verdict.INVALID);
        // 1 was sent by p0, delivered by p1 before it sent 2; p2 delivered 2 first.
        assertThat(ops(causal)).containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(causal.counterexamples().get(0).explanation()).contains("1 causally precedes 2").contains("process 2 delivered 2 before it");
        CheckResult total = check(h, "total-order");
        assertThat(ops(total)).containsExactly(6L, 8L, 10L, 12L);
        HierarchyResult all = Ariadne.checkAll(h, CheckRequest.of("all"));
        assertThat(all.strongestSatisfied()).containsExactly("fifo-order");
    }

    @Test
    void totalOrderBrokenOnlyByACycleThroughThreeProcesses() throws Exception {
        History h = history("0 broadcast 1 1", "0 broadcast 2 2", "0 broadcast 3 3",
                "1 receive nil 1", "1 receive nil 2",
                "2 receive nil 2", "2 receive nil 3",
                "3 receive nil 3", "3 receive nil 1");
        CheckResult total = check(h, "total-order");
        assertThat(total.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(ops(total)).hasSize(6);
        assertThat(total.counterexamples().get(0).explanation()).contains("every order of the messages breaks some process's deliveries");
        // Each delivers in the order 1 was sent before 2 before 3, skipping one: FIFO and causal hold.
        assertThat(check(h, "causal-order").verdict()).isEqualTo(Verdict.INVALID);
        History agreed = history("0 broadcast 1 1", "0 broadcast 2 2", "1 receive nil 1", "1 receive nil 2", "2 receive nil 1", "2 receive nil 2");
        CheckResult ok = check(agreed, "total-order");
        assertThat(ok.verdict()).isEqualTo(Verdict.VALID);
        assertThat(ok.notes()).anyMatch(n -> n.contains("total order"));
    }

    @Test
    void integrity() throws Exception {
        CheckResult dup = check(history("0 broadcast 1 1", "1 receive nil 1", "1 receive nil 1"), "fifo-order");
        assertThat(((BroadcastCounterexample) dup.counterexamples().get(0)).anomaly()).isEqualTo(BroadcastAnomaly.DUPLICATE_DELIVERY);
        assertThat(ops(dup)).containsExactly(2L, 4L);
        CheckResult phantom = check(history("0 broadcast 1 1 fail", "1 receive nil 1"), "fifo-order");
        assertThat(((BroadcastCounterexample) phantom.counterexamples().get(0)).anomaly()).isEqualTo(BroadcastAnomaly.PHANTOM_DELIVERY);
        // A crashed broadcast may or may not have happened: delivering it, or not, is fine.
        assertThat(check(history("0 broadcast 1 1 info", "1 receive nil 1", "2 broadcast 2 2", "3 receive nil 2"), "causal-order").verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void mailboxesKeepFifoPerPair() throws Exception {
        History h = history("0 send [1,10] [1,10]", "0 send [1,11] [1,11]", "0 send [2,12] [2,12]", "1 receive nil [0,11]", "1 receive nil [0,10]", "2 receive nil [0,12]");
        CheckResult fifo = check(h, "fifo-order");
        assertThat(fifo.datatype()).isEqualTo("mailbox");
        assertThat(fifo.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(ops(fifo)).containsExactly(0L, 2L, 6L, 8L);
        assertThatThrownBy(() -> check(h, "total-order")).isInstanceOf(UnsupportedCheck.class).hasMessageContaining("mailbox");
        CheckResult misdelivered = check(history("0 send [1,10] [1,10]", "2 receive nil [0,10]"), "fifo-order");
        assertThat(((BroadcastCounterexample) misdelivered.counterexamples().get(0)).anomaly()).isEqualTo(BroadcastAnomaly.PHANTOM_DELIVERY);
    }

    /** Maelstrom's broadcast workload as it records it: broadcasts, reads of the set seen so far, final reads marked :final? true. */
    static final String MAELSTROM = """
            {:type :invoke, :f :broadcast, :value 1, :process 0, :index 0}
            {:type :ok, :f :broadcast, :value 1, :process 0, :index 1}
            {:type :invoke, :f :broadcast, :value 2, :process 1, :index 2}
            {:type :ok, :f :broadcast, :value 2, :process 1, :index 3}
            {:type :invoke, :f :broadcast, :value 3, :process 2, :index 4}
            {:type :info, :f :broadcast, :value 3, :process 2, :index 5}
            {:type :invoke, :f :read, :value nil, :process 0, :index 6}
            {:type :ok, :f :read, :value [1 3], :process 0, :index 7}
            {:type :invoke, :f :read, :value nil, :final? true, :process 0, :index 8}
            {:type :ok, :f :read, :value [1 2 3], :final? true, :process 0, :index 9}
            {:type :invoke, :f :read, :value nil, :final? true, :process 1, :index 10}
            {:type :ok, :f :read, :value %s, :final? true, :process 1, :index 11}
            """;

    @Test
    void finalReadsDecideValidityAndAgreement() throws Exception {
        History good = HistoryReader.readString(MAELSTROM.formatted("[3 2 1]"), ReadOptions.DEFAULT);
        HierarchyResult all = Ariadne.checkAll(good, CheckRequest.all());
        assertThat(all.datatype()).isEqualTo("broadcast");
        CheckResult fifo = check(good, "fifo-order");
        assertThat(fifo.verdict()).as(fifo.summary()).isEqualTo(Verdict.VALID);
        assertThat(fifo.notes()).anyMatch(n -> n.contains("2 final")).anyMatch(n -> n.contains("hold vacuously"));
        // Process 1's final read lacks 1 (acknowledged: lost) and 3 (crashed, but process 0 read it: agreement).
        CheckResult bad = check(HistoryReader.readString(MAELSTROM.formatted("[2]"), ReadOptions.DEFAULT), "fifo-order");
        assertThat(bad.verdict()).isEqualTo(Verdict.INVALID);
        BroadcastCounterexample lost = (BroadcastCounterexample) bad.counterexamples().get(0);
        assertThat(lost.anomaly()).isEqualTo(BroadcastAnomaly.LOST);
        assertThat(lost.operations().stream().map(OpView::index).toList()).containsExactly(0L, 10L);
        assertThat(lost.explanation()).contains("1 was acknowledged").contains("final read of process 1 lacks it");
        BroadcastCounterexample agreement = (BroadcastCounterexample) bad.counterexamples().get(1);
        assertThat(agreement.anomaly()).isEqualTo(BroadcastAnomaly.AGREEMENT);
        assertThat(agreement.operations().stream().map(OpView::index).toList()).containsExactly(6L, 10L);
        assertThat(agreement.messages()).containsExactly("3");
        // A crashed broadcast nobody delivered need not be anywhere.
        assertThat(check(HistoryReader.readString(MAELSTROM.formatted("[1 2]").replace("[1 3]", "[1]").replace("[1 2 3]", "[1 2]"), ReadOptions.DEFAULT),
                "fifo-order").verdict()).isEqualTo(Verdict.VALID);
        // A read of a message never broadcast, or of one twice.
        CheckResult phantom = check(HistoryReader.readString(MAELSTROM.formatted("[1 2 3 9 2]"), ReadOptions.DEFAULT), "causal-order");
        assertThat(phantom.counterexamples()).extracting(c -> ((BroadcastCounterexample) c).anomaly())
                .contains(BroadcastAnomaly.PHANTOM_DELIVERY, BroadcastAnomaly.DUPLICATE_DELIVERY);
        // A crashed broadcast that one process received must be in every final read, its own included.
        History received = HistoryReader.readString("""
                {:type :invoke, :f :broadcast, :value 5, :process 0}
                {:type :info, :f :broadcast, :value 5, :process 0}
                {:type :invoke, :f :receive, :value nil, :process 1}
                {:type :ok, :f :receive, :value 5, :process 1}
                {:type :invoke, :f :read, :value nil, :final? true, :process 1}
                {:type :ok, :f :read, :value [], :final? true, :process 1}
                """, ReadOptions.DEFAULT);
        CheckResult unagreed = check(received, "fifo-order");
        assertThat(unagreed.counterexamples()).extracting(c -> ((BroadcastCounterexample) c).anomaly()).containsExactly(BroadcastAnomaly.AGREEMENT);
        assertThat(unagreed.counterexamples().get(0).explanation()).contains("5 was delivered to process 1");
        // Without final reads, validity is not decided, and the report says so.
        CheckResult open = check(HistoryReader.readString(MAELSTROM.formatted("[2]").replace(", :final? true", ""), ReadOptions.DEFAULT), "fifo-order");
        assertThat(open.verdict()).isEqualTo(Verdict.VALID);
        assertThat(open.notes()).anyMatch(n -> n.contains("none is final"));
    }
}
