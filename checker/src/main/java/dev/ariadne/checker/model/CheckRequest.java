package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.DatatypeOptions;

/**
 * What to check.
 *
 * @param model         the model's name (see {@link ConsistencyModel}); {@code linearizable} by default
 * @param datatype      the datatype's name, or null to infer it from the history's functions
 * @param options       datatype parameters (initial value, nil reads)
 * @param timeoutMillis time limit for the whole check; 0 for none. When it runs out the verdict is UNKNOWN.
 * @param memoryBytes   limit on the search memo's bytes; 0 for the default (half the heap)
 * @param threads       parallelism; 0 for one thread per core
 * @param counterexamples whether to build counterexamples (off only to time verdicts alone)
 * @param keyOrder      what the user asserts about each key's version order (rw-register)
 */
public record CheckRequest(String model, String datatype, DatatypeOptions options, long timeoutMillis, long memoryBytes, int threads,
                           boolean counterexamples, dev.ariadne.checker.txn.KeyOrder keyOrder) {

    public CheckRequest(String model, String datatype, DatatypeOptions options, long timeoutMillis, long memoryBytes, int threads) {
        this(model, datatype, options, timeoutMillis, memoryBytes, threads, true, dev.ariadne.checker.txn.KeyOrder.NONE);
    }

    public CheckRequest(String model, String datatype, DatatypeOptions options, long timeoutMillis, long memoryBytes, int threads, boolean counterexamples) {
        this(model, datatype, options, timeoutMillis, memoryBytes, threads, counterexamples, dev.ariadne.checker.txn.KeyOrder.NONE);
    }

    public CheckRequest withKeyOrder(dev.ariadne.checker.txn.KeyOrder order) {
        return new CheckRequest(model, datatype, options, timeoutMillis, memoryBytes, threads, counterexamples, order);
    }

    public static CheckRequest of(String model) {
        return new CheckRequest(model, null, DatatypeOptions.DEFAULT, 0, 0, 0);
    }

    public CheckRequest withoutCounterexamples() {
        return new CheckRequest(model, datatype, options, timeoutMillis, memoryBytes, threads, false, keyOrder);
    }

    public CheckRequest withDatatype(String name) {
        return new CheckRequest(model, name, options, timeoutMillis, memoryBytes, threads, counterexamples, keyOrder);
    }

    public CheckRequest withOptions(DatatypeOptions o) {
        return new CheckRequest(model, datatype, o, timeoutMillis, memoryBytes, threads, counterexamples, keyOrder);
    }

    public CheckRequest withTimeout(long millis) {
        return new CheckRequest(model, datatype, options, millis, memoryBytes, threads, counterexamples, keyOrder);
    }
}
