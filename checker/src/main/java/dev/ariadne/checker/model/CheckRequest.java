package dev.ariadne.checker.model;

import dev.ariadne.checker.datatype.BuiltinDatatype;
import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeOptions;
import dev.ariadne.checker.search.Cancellation;
import dev.ariadne.checker.txn.KeyOrder;

import java.util.Objects;

/**
 * What to check, built from {@link #of(ConsistencyModel)} and the {@code with} methods:
 * <pre>{@code
 * CheckRequest.of(ConsistencyModel.LINEARIZABLE).withDatatype(BuiltinDatatype.CAS_REGISTER).withTimeout(30_000)
 * CheckRequest.of(ConsistencyModel.SEQUENTIAL).withDatatype(new MyQueue())   // a datatype of your own
 * }</pre>
 *
 * @param model           the model; null for every model, which only {@code Ariadne.checkAll} takes
 * @param builtin         a shipped datatype, or null to infer it from the history's functions
 * @param custom          a datatype of the caller's own; when set it is used and {@code builtin} ignored
 * @param options         parameters of the shipped datatypes (initial value, nil reads)
 * @param limits          time, memory and threads
 * @param counterexamples whether to build counterexamples (off only to time verdicts alone)
 * @param keyOrder        what the user asserts about each key's version order (rw-register)
 * @param cancellation    a token the caller may cancel from another thread
 */
public record CheckRequest(ConsistencyModel model, BuiltinDatatype builtin, Datatype<?, ?> custom, DatatypeOptions options, Limits limits,
                           boolean counterexamples, KeyOrder keyOrder, Cancellation cancellation) {

    public CheckRequest {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(keyOrder, "keyOrder");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public static CheckRequest of(ConsistencyModel model) {
        return new CheckRequest(model, null, null, DatatypeOptions.DEFAULT, Limits.DEFAULT, true, KeyOrder.NONE, Cancellation.NEVER);
    }

    /** By the model's command-line name; {@code all} (every model) gives a null model. */
    public static CheckRequest of(String model) {
        return of(model == null || model.equals("all") ? null : ConsistencyModel.byName(model));
    }

    /** Every model at once (for {@code Ariadne.checkAll}). */
    public static CheckRequest all() {
        return of((ConsistencyModel) null);
    }

    public CheckRequest withModel(ConsistencyModel m) {
        return new CheckRequest(m, builtin, custom, options, limits, counterexamples, keyOrder, cancellation);
    }

    public CheckRequest withDatatype(BuiltinDatatype d) {
        return new CheckRequest(model, d, null, options, limits, counterexamples, keyOrder, cancellation);
    }

    /** A shipped datatype by its command-line name; null to infer it. */
    public CheckRequest withDatatype(String name) {
        if (name == null) return withDatatype((BuiltinDatatype) null);
        return withDatatype(BuiltinDatatype.byName(name).orElseThrow(() -> new UnsupportedCheck("unknown datatype " + name + " (see ariadne models)")));
    }

    /** A datatype of the caller's own: its sequential specification decides linearizability and sequential consistency. */
    public CheckRequest withDatatype(Datatype<?, ?> d) {
        return new CheckRequest(model, null, Objects.requireNonNull(d, "datatype"), options, limits, counterexamples, keyOrder, cancellation);
    }

    public CheckRequest withOptions(DatatypeOptions o) {
        return new CheckRequest(model, builtin, custom, o, limits, counterexamples, keyOrder, cancellation);
    }

    public CheckRequest withLimits(Limits l) {
        return new CheckRequest(model, builtin, custom, options, l, counterexamples, keyOrder, cancellation);
    }

    public CheckRequest withTimeout(long millis) {
        return withLimits(limits.withTimeout(millis));
    }

    public CheckRequest withoutCounterexamples() {
        return withCounterexamples(false);
    }

    public CheckRequest withCounterexamples(boolean on) {
        return new CheckRequest(model, builtin, custom, options, limits, on, keyOrder, cancellation);
    }

    public CheckRequest withKeyOrder(KeyOrder order) {
        return new CheckRequest(model, builtin, custom, options, limits, counterexamples, order, cancellation);
    }

    public CheckRequest withCancellation(Cancellation c) {
        return new CheckRequest(model, builtin, custom, options, limits, counterexamples, keyOrder, c);
    }

    /** The datatype's name as named by the caller (null when it is to be inferred). */
    public String datatypeName() {
        return custom != null ? custom.name() : builtin != null ? builtin.cliName() : null;
    }

    public long timeoutMillis() {
        return limits.timeoutMillis();
    }

    public long memoryBytes() {
        return limits.memoryBytes();
    }

    public int threads() {
        return limits.threads();
    }
}
