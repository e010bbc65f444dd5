package dev.ariadne.generators;

import dev.ariadne.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadMixTest {

    static double readShare(List<Op> events) {
        long invokes = events.stream().filter(e -> e.type() == dev.ariadne.history.OpType.INVOKE).count();
        long reads = events.stream().filter(e -> e.type() == dev.ariadne.history.OpType.INVOKE && (e.f().equals("read") || e.f().equals("get"))).count();
        return (double) reads / invokes;
    }

    @Test
    void theReadRatioSetsTheShareOfReadsAndWrittenValuesStayUnique() {
        for (String dt : List.of("register", "kv")) {
            List<Op> mostlyReads = new Simulation(2000, 5, 0, 3).events(new ReadMix(Objects.of(dt, 0, 3), 0.9));
            List<Op> mostlyWrites = new Simulation(2000, 5, 0, 3).events(new ReadMix(Objects.of(dt, 0, 3), 0.1));
            assertThat(readShare(mostlyReads)).as(dt).isBetween(0.85, 0.95);
            assertThat(readShare(mostlyWrites)).as(dt).isBetween(0.05, 0.15);
            List<String> written = mostlyWrites.stream().filter(e -> e.type() == dev.ariadne.history.OpType.INVOKE && !e.f().equals("read") && !e.f().equals("get"))
                    .map(e -> e.key() + "=" + e.value()).toList();
            assertThat(written).doesNotHaveDuplicates();
        }
    }
}
