package dev.ariadne.history;

import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs that once read wrongly or crashed the reader: each is refused with a line, or read right. */
class HostileInputTest {
    private static History read(String text) throws Exception {
        return HistoryReader.readString(text, ReadOptions.DEFAULT);
    }

    @Test
    void numbersOutOfRangeAreRefusedNotCompared() {
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1e400}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining(":1").hasMessageContaining("out of range");
        assertThatThrownBy(() -> read("{:type :invoke, :process 0, :f :write, :value 1e400}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> read("{:type :invoke, :process 0, :f :write, :value ##NaN}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("##NaN");
    }

    @Test
    void aKeyTwiceInOneMapIsRefused() {
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1,\"value\":2}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":{\"a\":1,\"a\":2}}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> read("{:type :invoke, :process 0, :f :write, :value {:a 1, :a 2}}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void deepNestingIsRefusedWithALineNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> read("{:type :invoke, :process 0, :f :write, :value " + deep + "}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":" + deep + "}")).isInstanceOf(HistoryException.class)
                .hasMessageContaining(":1");
    }

    @Test
    void setsCompareWhateverTheirOrder() throws Exception {
        History a = read("{:type :invoke, :process 0, :f :add, :value #{1 2}}\n{:type :ok, :process 0, :f :add, :value #{1 2}}");
        History b = read("{:type :invoke, :process 0, :f :add, :value #{2 1}}\n{:type :ok, :process 0, :f :add, :value #{2 1}}");
        assertThat(a.operation(0).value()).isEqualTo(b.operation(0).value());
    }

    @Test
    void valuesAreShownWithoutTerminalEscapesAndCut() {
        assertThat(Values.show(Values.of("\u001b[2Jgone"))).isEqualTo("\"\\u001b[2Jgone\"");
        String huge = Values.show(Values.of("x".repeat(1_000_000)));
        assertThat(huge.length()).isLessThan(Values.MAX_SHOWN + 40);
        assertThat(huge).endsWith("(1000000 characters)");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("bad-utf8.jsonl");
        byte[] head = "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}\n{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 4);
        bytes[head.length] = (byte) 0xff;
        bytes[head.length + 1] = (byte) 0xfe;
        bytes[head.length + 2] = '"';
        bytes[head.length + 3] = '}';
        java.nio.file.Files.write(f, bytes);
        assertThatThrownBy(() -> HistoryReader.read(f)).isInstanceOf(HistoryException.class).hasMessageContaining(":2").hasMessageContaining("UTF-8");
    }

    @Test
    void aStringOverTheLimitIsRefusedWithItsLine() {
        String big = "x".repeat(20_000_001);
        assertThatThrownBy(() -> read("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":\"" + big + "\"}"))
                .isInstanceOf(HistoryException.class).hasMessageContaining(":1").hasMessageContaining("longer than");
    }

    @Test
    void aNegativeOrNilIndexIsRefused() {
        assertThatThrownBy(() -> read("{\"index\":-5,\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}"))
                .isInstanceOf(HistoryException.class).hasMessageContaining(":1").hasMessageContaining("non-negative");
        assertThatThrownBy(() -> read("{:index nil, :type :invoke, :process 0, :f :write, :value 1}"))
                .isInstanceOf(HistoryException.class).hasMessageContaining("nil");
    }

    @Test
    void aStringThatLooksLikeAnotherValueIsQuoted() {
        assertThat(Values.show(Values.of("1"))).isEqualTo("\"1\"");
        assertThat(Values.show(Values.of(1))).isEqualTo("1");
        assertThat(Values.show(Values.of("nil"))).isEqualTo("\"nil\"");
        assertThat(Values.show(Values.of("x"))).isEqualTo("x");
        assertThat(Values.show(Values.of("a b"))).isEqualTo("\"a b\"");
    }
}
