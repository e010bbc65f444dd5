package dev.ariadne.checker.log;

import dev.ariadne.history.ValueCodes;

/**
 * Recognizes, in a history's stored value codes, a poll micro-op {@code [:poll {k [[offset v] ...]}]}
 * whose shape is the usual one, so that both readers of a log history ({@link LogTable} for the
 * analysis, {@link LogReading} for the verifier) walk its pairs in place instead of decoding a node per
 * pair. Only the format is shared: what each reader makes of the pairs is its own. Anything else
 * (a malformed poll, a value stored another way) is left to the readers' tree paths, which report it.
 */
final class PollCodes {
    private PollCodes() {}

    /** Off only in a test that compares the in-place reading with the tree reading it replaced. */
    static boolean inPlace = true;

    /** Whether micro-op {@code m} is {@code [:poll {k [[offset v] ...]}]} with integer offsets, every part stored element by element. */
    static boolean walkable(ValueCodes c, int m) {
        if (!inPlace) return false;
        if (c.kind(m) != ValueCodes.ARRAY || c.size(m) != 2) return false;
        int f = c.element(m, 0);
        if (c.kind(f) != ValueCodes.TEXT || !c.text(f).equals("poll")) return false;
        int polls = c.element(m, 1);
        if (c.kind(polls) != ValueCodes.OBJECT) return false;
        for (int k = 0; k < c.size(polls); k++) {
            int pairs = c.fieldValue(polls, k);
            if (c.kind(pairs) != ValueCodes.ARRAY) return false;
            for (int j = 0; j < c.size(pairs); j++) {
                int pair = c.element(pairs, j);
                if (c.kind(pair) != ValueCodes.ARRAY || c.size(pair) != 2 || c.kind(c.element(pair, 0)) != ValueCodes.INTEGER) return false;
            }
        }
        return true;
    }

    /** The micro-ops of a completion stored element by element, or -1 (then read its value as a tree). */
    static int microOps(dev.ariadne.history.History h, int completePosition) {
        if (completePosition < 0 || !inPlace) return -1;
        ValueCodes c = h.events().codes();
        int v = h.events().valueCode(completePosition);
        return c.kind(v) == ValueCodes.ARRAY && c.size(v) > 0 ? v : -1;
    }
}
