package dev.ariadne.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.generators.Client;
import dev.ariadne.generators.Runner;
import dev.ariadne.generators.SimObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's Kafka workload against a real Kafka: key k of the workload is partition k of one topic.
 * Each client thread has a producer (acks=all, idempotent) and a consumer {@code assign}ed to every
 * partition from the beginning. {@code [:send k v]} sends and waits for the acknowledgement, which
 * gives the offset ({@code [:send k [offset v]]}); {@code [:poll]} polls once and returns every
 * record by partition ({@code [:poll {k [[offset v] ...]}]}). An error leaves the outcome unknown
 * ({@code info}), as in Jepsen.
 */
public final class KafkaLogClient implements Client, AutoCloseable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final String topic;
    private final KafkaProducer<Long, Long> producer;
    private final KafkaConsumer<Long, Long> consumer;

    public KafkaLogClient(String bootstrap, String topic, int partitions) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.consumer = consumer(bootstrap, topic, partitions);
    }

    /** A consumer assigned every partition of the topic, from the beginning, committing nothing. */
    static KafkaConsumer<Long, Long> consumer(String bootstrap, String topic, int partitions) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> tps = new ArrayList<>();
        for (int k = 0; k < partitions; k++) tps.add(new TopicPartition(topic, k));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return consumer;
    }

    /** The workload: sends of one or two unique values, and polls. */
    public static Runner.Workload workload(int partitions) {
        AtomicLong next = new AtomicLong();
        return rnd -> {
            ArrayNode txn = NODES.arrayNode();
            if (rnd.nextInt(5) < 2) {
                txn.add(NODES.arrayNode().add("poll"));
                return new SimObject.Call("poll", null, txn);
            }
            int n = 1 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) txn.add(NODES.arrayNode().add("send").add(rnd.nextInt(partitions)).add(next.incrementAndGet()));
            return new SimObject.Call("send", null, txn);
        };
    }

    @Override
    public JsonNode invoke(SimObject.Call call) throws Exception {
        ArrayNode done = NODES.arrayNode();
        for (JsonNode m : call.value()) {
            if (m.get(0).textValue().equals("send")) {
                int k = m.get(1).intValue();
                long v = m.get(2).longValue();
                RecordMetadata md = producer.send(new ProducerRecord<>(topic, k, v, v)).get(10, TimeUnit.SECONDS);
                done.add(NODES.arrayNode().add("send").add(k).add(NODES.arrayNode().add(md.offset()).add(v)));
            } else {
                done.add(NODES.arrayNode().add("poll").add(poll(consumer, Duration.ofMillis(50))));
            }
        }
        return done;
    }

    /** One poll's records by partition: {k [[offset v] ...]}. */
    static ObjectNode poll(KafkaConsumer<Long, Long> consumer, Duration timeout) {
        ObjectNode got = NODES.objectNode();
        for (ConsumerRecord<Long, Long> r : consumer.poll(timeout)) {
            ArrayNode pairs = got.has(String.valueOf(r.partition())) ? (ArrayNode) got.get(String.valueOf(r.partition())) : got.putArray(String.valueOf(r.partition()));
            pairs.add(NODES.arrayNode().add(r.offset()).add(r.value()));
        }
        return got;
    }

    /**
     * Jepsen's final reads: a fresh consumer polls every partition until a few polls in a row return
     * nothing; the result as one poll's value.
     */
    public static JsonNode drain(String bootstrap, String topic, int partitions) {
        ObjectNode all = NODES.objectNode();
        try (KafkaConsumer<Long, Long> c = consumer(bootstrap, topic, partitions)) {
            int empty = 0;
            while (empty < 5) {
                ObjectNode got = poll(c, Duration.ofMillis(200));
                if (got.isEmpty()) empty++;
                else empty = 0;
                got.fields().forEachRemaining(e -> {
                    ArrayNode to = all.has(e.getKey()) ? (ArrayNode) all.get(e.getKey()) : all.putArray(e.getKey());
                    to.addAll((ArrayNode) e.getValue());
                });
            }
        }
        return NODES.arrayNode().add(NODES.arrayNode().add("poll").add(all));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
