package dev.ariadne.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The string pool: each distinct string numbered once, and fresh strings that differ in their last characters spread over the table. */
class TextPoolTest {
    @Test
    void sequentialStringsAreNumberedOnceAndSpreadOverTheSlots() {
        TextPool p = new TextPool();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) assertThat(p.intern("v" + i)).isEqualTo(i);
        for (int i = 0; i < n; i += 997) assertThat(p.intern("v" + i)).isEqualTo(i);
        assertThat(p.intern("v" + n)).isEqualTo(n);
        assertThat(p.get(123_456)).isEqualTo("v123456");
        assertThat(p.intern("é€")).isEqualTo(n + 1);
        assertThat(p.get(n + 1)).isEqualTo("é€");
        // A table under three quarters full with a well-mixed hash has runs of a few dozen slots; the
        // old mix kept Arrays.hashCode's low bits, and these strings filled runs of thousands.
        assertThat(p.longestRun()).isLessThan(400);
    }
}
