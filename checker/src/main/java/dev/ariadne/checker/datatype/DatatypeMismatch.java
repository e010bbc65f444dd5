package dev.ariadne.checker.datatype;

import dev.ariadne.history.Operation;

/** An operation the chosen datatype cannot read: unusable input for this check (exit code 3). */
public final class DatatypeMismatch extends RuntimeException {
    private final transient Operation operation;

    public DatatypeMismatch(Operation operation, String message) {
        super("op " + operation.index() + " (" + operation.f() + " " + dev.ariadne.history.Values.show(operation.value()) + "): " + message);
        this.operation = operation;
    }

    private DatatypeMismatch(Operation operation, String where, String message) {
        super(where + ": " + message);
        this.operation = operation;
    }

    /** The same, its message prefixed with where the operation was read ({@code file:line}); unchanged when that is unknown. */
    public DatatypeMismatch at(String where) {
        return where == null || where.isEmpty() ? this : new DatatypeMismatch(operation, where, getMessage());
    }

    public Operation operation() {
        return operation;
    }
}
