package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ariadne.checker.Ariadne;
import dev.ariadne.checker.model.CheckRequest;
import dev.ariadne.checker.model.ConsistencyModel;
import dev.ariadne.checker.report.CheckResult;
import dev.ariadne.checker.report.Verdict;
import dev.ariadne.generators.Runner;
import dev.ariadne.history.History;
import dev.ariadne.history.Op;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Values;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jepsen's Kafka workload against a real Kafka broker (KRaft, in-process), checked as a log. It
 * asserts only what Kafka promises to this client: acknowledged sends (acks=all) are kept, each
 * offset holds one message, a consumer assigned its partitions reads them in order without skips.
 */
class KafkaLogTest {
    static final int PARTITIONS = 3;

    @Test
    void kafkaKeepsTheLogPromiseToAssignedConsumers() throws Exception {
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("jepsen", PARTITIONS, (short) 1))).all().get();
            }
            List<KafkaLogClient> clients = new ArrayList<>();
            List<Op> events = new ArrayList<>(new Runner(4, 60, 11).run(() -> {
                KafkaLogClient c = new KafkaLogClient(bootstrap, "jepsen", PARTITIONS);
                synchronized (clients) {
                    clients.add(c);
                }
                return c;
            }, KafkaLogClient.workload(PARTITIONS), null));
            for (KafkaLogClient c : clients) c.close();
            // Jepsen's final reads, by a fresh process.
            JsonNode all = KafkaLogClient.drain(bootstrap, "jepsen", PARTITIONS);
            long n = events.size();
            long t = events.get(events.size() - 1).time() + 1;
            events.add(new Op(n, t, Values.of(1000), OpType.INVOKE, "poll", Values.of(List.of(List.of("poll"))), null, null, Map.of()));
            events.add(new Op(n + 1, t + 1, Values.of(1000), OpType.OK, "poll", all, null, null, Map.of()));
            History h = History.of(events);
            CheckResult r = Ariadne.check(h, CheckRequest.of(ConsistencyModel.LOG));
            assertThat(h.operations().stream().filter(o -> o.isOk()).count()).isGreaterThan(200);
            assertThat(r.verdict()).as(r.summary() + " " + r.counterexamples()).isEqualTo(Verdict.VALID);
            assertThat(r.datatype()).isEqualTo("log");
        }
    }
}
