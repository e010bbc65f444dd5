package dev.ariadne.checker.log;

import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.LogAnomaly;
import dev.ariadne.checker.report.LogCounterexample;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.history.History;
import org.junit.jupiter.api.Test;

import static dev.ariadne.checker.log.LogClassicsTest.ASSIGN;
import static dev.ariadne.checker.log.LogClassicsTest.errors;
import static dev.ariadne.checker.log.LogClassicsTest.history;
import static dev.ariadne.checker.log.LogClassicsTest.ops;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hand-written transactional log per cycle the serializable promise forbids and Kafka's allows
 * (writes are not isolated; a poll need not read to the end of the log): G0, G1c through a ww edge,
 * G-single (read skew), G2-item (write skew), and a real-time cycle only strict serializability
 * forbids. Each is VALID as a log, INVALID at the promise that forbids it with the cycle named and
 * explained, and the verifier finds a cycle on its own exactly there.
 */
class LogTransactionCyclesTest {

    /** Sends of two keys in opposite orders: the writers of key 1's log and of key 2's log disagree. */
    static final String[] G0 = {ASSIGN,
            "1 | txn | [[:send 1 10] [:send 2 21]] | [[:send 1 [0 10]] [:send 2 [1 21]]]",
            "2 | txn | [[:send 1 11] [:send 2 20]] | [[:send 1 [1 11]] [:send 2 [0 20]]]",
            "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]] 2 [[0 20] [1 21]]}]]"};

    /** T1 sent key 1's first message and saw T2's key 2 message, though T2 wrote key 1 after T1. */
    static final String[] G1C_WW = {ASSIGN,
            "2 | txn | [[:send 1 11] [:send 2 20]] | [[:send 1 [1 11]] [:send 2 [0 20]]]",
            "1 | txn | [[:send 1 10] [:poll]] | [[:send 1 [0 10]] [:poll {2 [[0 20]]}]]",
            "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]] 2 [[0 20]]}]]"};

    /** Read skew: T3 saw T2's message to key 2 but polled key 1 only up to the message before T2's. */
    static final String[] G_SINGLE = {ASSIGN,
            "1 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
            "2 | txn | [[:send 1 11] [:send 2 20]] | [[:send 1 [1 11]] [:send 2 [0 20]]]",
            "3 | poll | [[:poll]] | [[:poll {1 [[0 10]] 2 [[0 20]]}]]",
            "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]] 2 [[0 20]]}]]"};

    /** Write skew: each of T1 and T2 polled one key up to the other's next message, and sent to the other key. */
    static final String[] G2 = {ASSIGN,
            "3 | txn | [[:send 1 10] [:send 2 20]] | [[:send 1 [0 10]] [:send 2 [0 20]]]",
            "1 | txn | [[:poll] [:send 2 21]] | [[:poll {1 [[0 10]]}] [:send 2 [1 21]]]",
            "2 | txn | [[:poll] [:send 1 11]] | [[:poll {2 [[0 20]]}] [:send 1 [1 11]]]",
            "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]] 2 [[0 20] [1 21]]}]]"};

    /** A poll returned before the send of what it saw was invoked: only real time makes it a cycle. */
    static final String[] REALTIME = {ASSIGN,
            "1 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]",
            "2 | send | [[:send 1 10]] | [[:send 1 [0 10]]]",
            "0 | poll | [[:poll]] | [[:poll {1 [[0 10]]}]]"};

    static CheckResult check(String[] ops, LogPromise p) throws Exception {
        return LogClassicsTest.checked(history(ops), p);
    }

    static boolean verifierSeesACycle(String[] ops, LogPromise p) throws Exception {
        History h = history(ops);
        LogAnalysis a = new LogAnalysis(new LogTable(h), p);
        return LogVerifier.check(h, a.orders.witness(), a.subscribe, p).broken.contains(LogAnomaly.G1C);
    }

    /** Kafka's promise allows it; serializable and strict serializable name it as {@code a}. */
    static LogCounterexample forbiddenWhenSerializable(String[] ops, LogAnomaly a) throws Exception {
        CheckResult kafka = check(ops, LogPromise.KAFKA);
        assertThat(kafka.verdict()).as(kafka.summary()).isEqualTo(Verdict.VALID);
        assertThat(verifierSeesACycle(ops, LogPromise.KAFKA)).isFalse();
        for (LogPromise p : new LogPromise[] {LogPromise.SERIALIZABLE, LogPromise.STRICT_SERIALIZABLE}) {
            CheckResult r = check(ops, p);
            assertThat(r.verdict()).as(p + ": " + r.summary()).isEqualTo(Verdict.INVALID);
            assertThat(errors(r, a)).as(p + ": " + r.summary()).hasSize(1);
            assertThat(verifierSeesACycle(ops, p)).as(p.model()).isTrue();
        }
        return errors(check(ops, LogPromise.SERIALIZABLE), a).get(0);
    }

    @Test
    void g0IsAWriteCycle() throws Exception {
        LogCounterexample c = forbiddenWhenSerializable(G0, LogAnomaly.G0);
        assertThat(ops(c)).containsExactly(2L, 4L);
        assertThat(c.explanation()).contains("op 2 sent to key 1 the message before 11, which op 4 sent")
                .contains("op 4 sent to key 2 the message before 21, which op 2 sent");
    }

    @Test
    void g1cThroughAWriteWriteEdge() throws Exception {
        LogCounterexample c = forbiddenWhenSerializable(G1C_WW, LogAnomaly.G1C);
        assertThat(ops(c)).containsExactly(2L, 4L);
        assertThat(c.explanation()).contains("op 2 sent 20 to key 2, which op 4 polled").contains("op 4 sent to key 1 the message before 11, which op 2 sent");
    }

    @Test
    void gSingleIsReadSkew() throws Exception {
        LogCounterexample c = forbiddenWhenSerializable(G_SINGLE, LogAnomaly.G_SINGLE);
        assertThat(ops(c)).containsExactly(4L, 6L);
        assertThat(c.explanation()).contains("op 6 polled key 1 only up to the message before 11, which op 4 sent");
    }

    @Test
    void g2IsWriteSkew() throws Exception {
        LogCounterexample c = forbiddenWhenSerializable(G2, LogAnomaly.G2);
        assertThat(ops(c)).containsExactly(4L, 6L);
        assertThat(c.explanation()).contains("op 4 polled key 1 only up to the message before 11, which op 6 sent")
                .contains("op 6 polled key 2 only up to the message before 21, which op 4 sent");
    }

    @Test
    void realTimeCyclesAreForbiddenByKafkaAndStrictSerializabilityOnly() throws Exception {
        assertThat(check(REALTIME, LogPromise.KAFKA).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(check(REALTIME, LogPromise.SERIALIZABLE).verdict()).isEqualTo(Verdict.VALID);
        assertThat(verifierSeesACycle(REALTIME, LogPromise.SERIALIZABLE)).isFalse();
        CheckResult strict = check(REALTIME, LogPromise.STRICT_SERIALIZABLE);
        assertThat(strict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(errors(strict, LogAnomaly.G1C_REALTIME)).hasSize(1);
        assertThat(verifierSeesACycle(REALTIME, LogPromise.STRICT_SERIALIZABLE)).isTrue();
    }

    @Test
    void aSerialLogIsValidAtEveryPromise() throws Exception {
        String[] serial = {ASSIGN,
                "1 | txn | [[:send 1 10] [:send 2 20]] | [[:send 1 [0 10]] [:send 2 [0 20]]]",
                "2 | txn | [[:poll] [:send 1 11]] | [[:poll {1 [[0 10]] 2 [[0 20]]}] [:send 1 [1 11]]]",
                "0 | poll | [[:poll]] | [[:poll {1 [[0 10] [1 11]] 2 [[0 20]]}]]"};
        for (LogPromise p : LogPromise.values()) {
            CheckResult r = check(serial, p);
            assertThat(r.verdict()).as(p + ": " + r.summary()).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void theVerifierOnItsOwnThreadGivesTheSameVerdicts() throws Exception {
        // With two threads the verifier starts while the cycles are searched, and is cancelled when one is found.
        for (String[] ops : new String[][] {G0, G1C_WW, G_SINGLE, G2, REALTIME}) {
            for (LogPromise p : LogPromise.values()) {
                History h = history(ops);
                CheckResult alone = LogChecker.check(h, p, 1);
                CheckResult both = LogChecker.check(h, p, 2);
                assertThat(both.verdict()).as(p + " " + both.summary()).isEqualTo(alone.verdict());
                assertThat(both.summary()).isEqualTo(alone.summary());
            }
        }
    }
}
