package dev.ariadne.checker.log;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Counterexample;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.checker.report.LogCounterexample;
import dev.ariadne.checker.report.OpView;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One hand-written history per error of Jepsen's Kafka checker, in Jepsen's own format, with the operations that must prove it. */
class LogClassicsTest {

    /** Builds an EDN history from lines "p f invoke-value ok-value" (type ok unless the line says :fail/:info). */
    static History history(String... ops) throws Exception {
        StringBuilder edn = new StringBuilder();
        int i = 0;
        for (String op : ops) {
            String[] p = op.split("\\|");
            String type = p.length > 4 ? p[4].trim() : "ok";
            edn.append("{:index ").append(i++).append(" :type :invoke :process ").append(p[0].trim()).append(" :f :").append(p[1].trim())
                    .append(" :value ").append(p[2].trim()).append("}\n");
            edn.append("{:index ").append(i++).append(" :type :").append(type).append(" :process ").append(p[0].trim()).append(" :f :").append(p[1].trim())
                    .append(" :value ").append(p[3].trim()).append(p.length > 5 ? " " + p[5].trim() : "").append("}\n");
        }
        return HistoryReader.readString(edn.toString(), ReadOptions.DEFAULT);
    }

    /** The check, after asserting that the independent verifier, on the analysis's logs, finds the same kinds of error on its own. */
    static CheckResult checked(History h, LogPromise p) {
        String disagreement = LogDifferentialTest.disagreement(h, new LogAnalysis(new LogTable(h), p), p);
        assertThat(disagreement).as("the verifier on its own").isNull();
        return LogChecker.check(h, p);
    }

    static List<LogCounterexample> errors(CheckResult r, LogAnomaly a) {
        List<LogCounterexample> out = new ArrayList<>();
        for (Counterexample c : r.counterexamples()) if (((LogCounterexample) c).anomaly() == a) out.add((LogCounterexample) c);
        return out;
    }

    static List<Long> ops(LogCounterexample c) {
        return c.operations().stream().map(OpView::index).toList();
    }

    static final String ASSIGN = "0 | assign | [1] | [1]";

    @Test
    void aLogReadInOrderIsValidWithItsWitness() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
                "1 | send | [[:send 1 11]] | [[:send 1 [2 11]]]",  // offset 1 is a transaction marker: a gap, not a skip
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[2 11]]}]]"), LogPromise.KAFKA);
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(r.summary()).contains("independent verifier");
        assertThat(r.counterexamples()).isEmpty();
    }

    @Test
    void inconsistentOffsetsAndDuplicates() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
                "2 | send | [[:send 1 11]] | [[:send 1 [0 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]]}]]"), LogPromise.KAFKA);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        LogCounterexample io = errors(r, LogAnomaly.INCONSISTENT_OFFSETS).get(0);
        assertThat(ops(io)).containsExactly(2L, 4L);
        assertThat(io.explanation()).contains("offset 0 of key 1 holds 2 different messages");
        LogCounterexample dup = errors(r, LogAnomaly.DUPLICATE).get(0);
        assertThat(dup.values()).containsExactly("11");
        assertThat(ops(dup)).containsExactly(4L, 6L);
    }

    @Test
    void lostWriteBelowAPolledMessage() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11] [:send 1 12]] | [[:send 1 [0 10]] [:send 1 [1 11]] [:send 1 [2 12]]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[2 12]]}]]"), LogPromise.KAFKA);
        LogCounterexample lost = errors(r, LogAnomaly.LOST_WRITE).get(0);
        assertThat(lost.values()).containsExactly("11", "12");
        assertThat(ops(lost)).containsExactly(2L, 6L);
        assertThat(errors(r, LogAnomaly.UNSEEN)).hasSize(1);
        assertThat(errors(r, LogAnomaly.POLL_SKIP)).as("different consumers").isEmpty();
    }

    @Test
    void abortedAndPrecommittedReads() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10]] | [[:send 1 10]] | fail",
                "2 | txn | [[:send 1 11] [:poll]] | [[:send 1 [1 11]] [:poll {1 [[0 10] [1 11]]}]]"), LogPromise.KAFKA);
        assertThat(ops(errors(r, LogAnomaly.G1A).get(0))).containsExactly(2L, 4L);
        assertThat(ops(errors(r, LogAnomaly.PRECOMMITTED_READ).get(0))).containsExactly(4L);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void pollSkipIsAnErrorWithAssignAndAllowedWithSubscribe() throws Exception {
        String[] ops = {"1 | send | [[:send 1 10] [:send 1 11] [:send 1 12]] | [[:send 1 [0 10]] [:send 1 [1 11]] [:send 1 [2 12]]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[1 11]]}]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[2 12]]}]]"};
        List<String> assign = new ArrayList<>(List.of(ASSIGN));
        assign.addAll(List.of(ops));
        CheckResult a = checked(history(assign.toArray(String[]::new)), LogPromise.KAFKA);
        assertThat(a.verdict()).isEqualTo(Verdict.INVALID);
        LogCounterexample skip = errors(a, LogAnomaly.POLL_SKIP).get(0);
        // The send shows 11 at offset 1; the other consumer's poll of it is not needed.
        assertThat(ops(skip)).containsExactly(2L, 6L, 8L);
        assertThat(skip.explanation()).contains("11 is at index 1");
        List<String> subscribe = new ArrayList<>(List.of("0 | subscribe | [1] | [1]"));
        subscribe.addAll(List.of(ops));
        CheckResult s = checked(history(subscribe.toArray(String[]::new)), LogPromise.KAFKA);
        assertThat(s.verdict()).as(s.summary()).isEqualTo(Verdict.VALID);
        assertThat(errors(s, LogAnomaly.POLL_SKIP).get(0).allowed()).isTrue();
    }

    @Test
    void nonmonotonicPollAndReassignment() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11]] | [[:send 1 [0 10]] [:send 1 [1 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]]}]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[1 11]]}]]"), LogPromise.KAFKA);
        LogCounterexample back = errors(r, LogAnomaly.NONMONOTONIC_POLL).get(0);
        assertThat(back.explanation()).contains("the same message again");
        assertThat(ops(back)).contains(4L, 6L);
        // Assigning the key anew forgets where the consumer was: reading from the start again is fine.
        CheckResult again = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11]] | [[:send 1 [0 10]] [:send 1 [1 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]]}]]",
                "0 | assign | [2] | [2]",
                "0 | assign | [1] | [1]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]"), LogPromise.KAFKA);
        assertThat(again.verdict()).as(again.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void reassigningForgetsOnlyTheKeysItDropsForConsumersAndProducers() throws Exception {
        // Key 1 stays assigned: polling 11 again is still a step back.
        CheckResult kept = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11]] | [[:send 1 [0 10]] [:send 1 [1 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]]}]]",
                "0 | assign | [1 2] | [1 2]",
                "0 | poll | [[:poll]] | [[:poll {1 [[1 11]]}]]"), LogPromise.KAFKA);
        assertThat(errors(kept, LogAnomaly.NONMONOTONIC_POLL)).hasSize(1);
        // A producer whose key was dropped and assigned again starts afresh; one whose key stayed does not.
        String[] sends = {ASSIGN,
                "0 | send | [[:send 1 11]] | [[:send 1 [1 11]]]",
                "0 | assign | [2] | [2]",
                "0 | assign | [1] | [1]",
                "0 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]]}]]"};
        assertThat(errors(checked(history(sends), LogPromise.KAFKA), LogAnomaly.NONMONOTONIC_SEND)).isEmpty();
        sends[2] = "0 | assign | [1 2] | [1 2]";
        assertThat(errors(checked(history(sends), LogPromise.KAFKA), LogAnomaly.NONMONOTONIC_SEND)).hasSize(1);
    }

    @Test
    void skipsAndReversalsWithinOneOperation() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11] [:send 1 12]] | [[:send 1 [0 10]] [:send 1 [1 11]] [:send 1 [2 12]]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[1 11]]}]]",
                "3 | poll | [[:poll]] | [[:poll {1 [[0 10] [2 12]]}]]",
                "4 | poll | [[:poll]] | [[:poll {1 [[2 12] [1 11]]}]]"), LogPromise.KAFKA);
        assertThat(ops(errors(r, LogAnomaly.INT_POLL_SKIP).get(0))).contains(6L);
        assertThat(ops(errors(r, LogAnomaly.INT_NONMONOTONIC_POLL).get(0))).contains(8L);
        // A rebalance during the poll excuses the key.
        CheckResult rebalanced = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 11] [:send 1 12]] | [[:send 1 [0 10]] [:send 1 [1 11]] [:send 1 [2 12]]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[1 11]]}]]",
                "3 | poll | [[:poll]] | [[:poll {1 [[0 10] [2 12]]}]] | ok | :rebalance-log [{:keys [1]}]"), LogPromise.KAFKA);
        assertThat(errors(rebalanced, LogAnomaly.INT_POLL_SKIP)).isEmpty();
        assertThat(rebalanced.verdict()).as(rebalanced.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void sendsGoingBackAndInterleavedSends() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10]] | [[:send 1 [5 10]]]",
                "1 | send | [[:send 1 11] [:send 1 12]] | [[:send 1 [3 11]] [:send 1 [1 12]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[1 12] [3 11] [5 10]]}]]"), LogPromise.KAFKA);
        assertThat(ops(errors(r, LogAnomaly.NONMONOTONIC_SEND).get(0))).containsExactly(2L, 4L);
        assertThat(ops(errors(r, LogAnomaly.INT_NONMONOTONIC_SEND).get(0))).contains(4L);
        // Another producer's message between two of one operation's sends is normal (int-send-skip, allowed).
        CheckResult interleaved = checked(history(ASSIGN,
                "1 | send | [[:send 1 10] [:send 1 12]] | [[:send 1 [0 10]] [:send 1 [2 12]]]",
                "2 | send | [[:send 1 11]] | [[:send 1 [1 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11] [2 12]]}]]"), LogPromise.KAFKA);
        assertThat(interleaved.verdict()).as(interleaved.summary()).isEqualTo(Verdict.VALID);
        assertThat(errors(interleaved, LogAnomaly.INT_SEND_SKIP).get(0).allowed()).isTrue();
    }

    @Test
    void unseenAndCrashedSends() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
                "2 | send | [[:send 1 11]] | [[:send 1 11]] | info",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
                "1 | send | [[:send 1 12]] | [[:send 1 [2 12]]]"), LogPromise.KAFKA);
        // The crashed send may never have happened; the last one was acknowledged and never polled.
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(errors(r, LogAnomaly.UNSEEN)).hasSize(1);
        assertThat(errors(r, LogAnomaly.UNSEEN).get(0).values()).containsExactly("12");
        assertThat(errors(r, LogAnomaly.LOST_WRITE)).isEmpty();
    }

    @Test
    void transactionsThatPolledEachOthersSendsFormG1c() throws Exception {
        CheckResult r = checked(history(ASSIGN,
                "1 | txn | [[:send 1 10] [:poll]] | [[:send 1 [0 10]] [:poll {2 [[0 20]]}]]",
                "2 | txn | [[:send 2 20] [:poll]] | [[:send 2 [0 20]] [:poll {1 [[0 10]]}]]"), LogPromise.KAFKA);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        LogCounterexample c = errors(r, LogAnomaly.G1C).get(0);
        assertThat(ops(c)).containsExactly(2L, 4L);
        assertThat(c.explanation()).contains("op 2 sent 10 to key 1, which op 4 polled").contains("op 4 sent 20 to key 2, which op 2 polled");
        assertThat(verifierSeesACycle(ASSIGN, "1 | txn | [[:send 1 10] [:poll]] | [[:send 1 [0 10]] [:poll {2 [[0 20]]}]]",
                "2 | txn | [[:send 2 20] [:poll]] | [[:send 2 [0 20]] [:poll {1 [[0 10]]}]]")).isTrue();
    }

    /** The independent verifier's own cycle check on the same history. */
    static boolean verifierSeesACycle(String... ops) throws Exception {
        History h = history(ops);
        LogAnalysis a = new LogAnalysis(h);
        return LogVerifier.check(h, a.orders.witness(), a.subscribe, LogPromise.KAFKA).broken.contains(LogAnomaly.G1C);
    }

    @Test
    void aPollOfAMessageItsPeerSentLaterIsG1cProcessOrRealtime() throws Exception {
        // Each consumer polls what the other sends only afterwards, in its own process order.
        CheckResult process = checked(history(ASSIGN,
                "1 | poll | [[:poll]] | [[:poll {1 [[1 21]]}]]",
                "2 | poll | [[:poll]] | [[:poll {1 [[0 11]]}]]",
                "1 | send | [[:send 1 11]] | [[:send 1 [0 11]]]",
                "2 | send | [[:send 1 21]] | [[:send 1 [1 21]]]"), LogPromise.KAFKA);
        assertThat(errors(process, LogAnomaly.G1C_PROCESS)).hasSize(1);
        assertThat(ops(errors(process, LogAnomaly.G1C_PROCESS).get(0))).containsExactly(2L, 4L, 6L, 8L);
        // A poll that returned before the send was invoked saw its message.
        CheckResult realtime = checked(history(ASSIGN,
                "1 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
                "2 | send | [[:send 1 10]] | [[:send 1 [0 10]]]"), LogPromise.KAFKA);
        assertThat(errors(realtime, LogAnomaly.G1C_REALTIME)).hasSize(1);
        assertThat(realtime.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verifierSeesACycle(ASSIGN, "1 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]", "2 | send | [[:send 1 10]] | [[:send 1 [0 10]]]")).isTrue();
        assertThat(verifierSeesACycle(ASSIGN, "2 | send | [[:send 1 10]] | [[:send 1 [0 10]]]", "1 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]")).isFalse();
        assertThat(verifierSeesACycle(ASSIGN, "1 | poll | [[:poll]] | [[:poll {1 [[1 21]]}]]", "2 | poll | [[:poll]] | [[:poll {1 [[0 11]]}]]",
                "1 | send | [[:send 1 11]] | [[:send 1 [0 11]]]", "2 | send | [[:send 1 21]] | [[:send 1 [1 21]]]")).isTrue();
    }

    @Test
    void aMessageSentTwiceIsUnusableInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checked(history(ASSIGN,
                        "1 | send | [[:send 1 10]] | [[:send 1 [0 10]]]", "2 | send | [[:send 1 10]] | [[:send 1 [1 10]]]"), LogPromise.KAFKA))
                .isInstanceOf(dev.ariadne.checker.datatype.DatatypeMismatch.class).hasMessageContaining("unique per key");
    }
}
