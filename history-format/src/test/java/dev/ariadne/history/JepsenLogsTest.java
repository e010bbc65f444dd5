package dev.ariadne.history;

import dev.ariadne.history.io.HistoryFormat;
import dev.ariadne.history.io.HistoryReader;
import dev.ariadne.history.io.ReadOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Jepsen's three text forms of a history, each read with its operations (once read as none). */
class JepsenLogsTest {
    private static final String OLD = """
            INFO  jepsen.util - 0\t:invoke\t:write\t1
            INFO  jepsen.util - 0\t:ok\t:write\t1
            INFO  jepsen.util - 1\t:invoke\t:read\tnil
            INFO  jepsen.util - 1\t:ok\t:read\t0
            """;

    private static final String NEW = """
            2024-01-01 00:00:00,000{GMT}\tINFO\t[main] jepsen.core: Running test
            2024-01-01 00:00:00,001{GMT}\tINFO\t[jepsen worker 0] jepsen.util: [ 100 ] 0\t:invoke\t:write\t1
            2024-01-01 00:00:00,002{GMT}\tINFO\t[jepsen worker 0] jepsen.util: [ 110 ] 0\t:ok\t:write\t1
            2024-01-01 00:00:00,003{GMT}\tINFO\t[jepsen worker 1] jepsen.util: [ 120 ] 1\t:invoke\t:read\tnil
            2024-01-01 00:00:00,004{GMT}\tINFO\t[jepsen worker 1] jepsen.util: [ 130 ] 1\t:ok\t:read\t0
            """;

    private static final String TXT = """
            0\t:invoke\t:write\t1
            0\t:ok\t:write\t1
            1\t:invoke\t:read\tnil
            1\t:ok\t:read\t0
            """;

    @Test
    void everyGenerationOfJepsenLogsReadsTheSameOperations() throws Exception {
        for (String text : new String[]{OLD, NEW, TXT}) {
            assertThat(HistoryFormat.detect(text)).isEqualTo(HistoryFormat.LOG);
            History h = HistoryReader.readString(text, ReadOptions.DEFAULT);
            assertThat(h.size()).as(text).isEqualTo(2);
            assertThat(h.operation(0).f()).isEqualTo("write");
            assertThat(h.operation(1).value().asLong()).isEqualTo(0);
            assertThat(h.operation(1).isOk()).isTrue();
        }
    }

    @Test
    void aNemesisLineIsRead() throws Exception {
        History h = HistoryReader.readString(NEW + "2024-01-01 00:00:00,005{GMT}\tINFO\t[jepsen nemesis] jepsen.util: [ 140 ] :nemesis\t:info\t:start\tnil\n",
                ReadOptions.DEFAULT);
        assertThat(h.nemesisEvents()).hasSize(1);
    }
}
