package dev.ariadne.checker.linearizable;

import dev.ariadne.history.History;

/** Lets tests of other packages use the random small histories. */
public final class RandomHistoriesAccess {
    private RandomHistoriesAccess() {}

    public static History of(String datatype, long seed, int n, int processes, int values) {
        return RandomHistories.of(datatype, seed, n, processes, values);
    }
}
