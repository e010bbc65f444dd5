package dev.ariadne.checker.report;

import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.datatype.Kv;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Long values in text: shortened with their head and tail kept; a kv get's mismatch says where the strings part. */
class AbbreviationTest {

    @Test
    void shortValuesStayWholeAndLongOnesKeepHeadAndTail() {
        String s = "x".repeat(Abbreviation.MAX_CHARS);
        assertThat(Abbreviation.shorten(s)).isSameAs(s);
        String lng = "HEAD" + "-".repeat(500) + "TAIL";
        String shortened = Abbreviation.shorten(lng);
        assertThat(shortened).startsWith("HEAD").endsWith("TAIL").contains("…[408 more chars]…");
        assertThat(shortened.length()).isLessThan(Abbreviation.MAX_CHARS);
        OpView op = new OpView(7, "1", "get k → \"" + lng + "\"", "ok", 7, 8);
        assertThat(op.toString()).contains("more chars").doesNotContain("-".repeat(200));
        assertThat(op.description()).as("the value itself stays whole for JSON").contains(lng);
    }

    @Test
    void aLongKvMismatchSaysWhereTheStringsPart() {
        Kv kv = new Kv(DatatypeOptions.DEFAULT);
        String common = "x 1 0 y".repeat(30);
        String why = kv.whyIllegal(common + "x 8 3 y", new Kv.Input(0, common));
        assertThat(why).contains("both start with the same " + common.length() + " characters")
                .contains("the get has nothing more where the key has \"x 8 3 y\"");
        assertThat(kv.whyIllegal("ab", new Kv.Input(0, "a"))).isEqualTo("can't get \"a\" from a key holding \"ab\"");
    }
}
