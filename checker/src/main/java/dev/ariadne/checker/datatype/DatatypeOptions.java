package dev.ariadne.checker.datatype;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parameters of the shipped datatypes.
 *
 * @param initial the initial value (a register's value, a counter's number, a multi-register's map
 *                or one value for every key), or null for the datatype's default
 * @param nilRead the meaning of a read that returns nil
 */
public record DatatypeOptions(JsonNode initial, NilRead nilRead) {
    public static final DatatypeOptions DEFAULT = new DatatypeOptions(null, NilRead.ABSENT);

    /** Values compare in their canonical form, so an initial value built as an {@code IntNode} equals the same number read from a file. */
    public DatatypeOptions {
        if (initial != null) initial = dev.ariadne.history.Values.canonical(initial);
    }
}
