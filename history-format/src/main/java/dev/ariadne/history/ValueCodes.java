package dev.ariadne.history;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A history's values read where they are stored, without decoding them into trees: for a check that
 * walks large nested values once (a log's polls, maps of lists of [offset value] pairs, millions of
 * pairs in a large history), decoding allocated a node per pair on every pass. A value is an int code
 * ({@link EventColumns#valueCode}); {@link #kind} says what it holds, and arrays and objects stored
 * element by element are walked by code. Anything else ({@link #OTHER}: a transaction, a list read from
 * a key, an interned short array, a floating-point number, a boolean) is read with {@link #decode}.
 */
public final class ValueCodes {
    public static final int NIL = 0, INTEGER = 1, TEXT = 2, ARRAY = 3, OBJECT = 4, OTHER = 5;

    private final ValuePool pool;

    ValueCodes(ValuePool pool) {
        this.pool = pool;
    }

    /** {@link #NIL}, {@link #INTEGER} (fits a long), {@link #TEXT}, {@link #ARRAY}, {@link #OBJECT} or {@link #OTHER}. */
    public int kind(int code) {
        return pool.kind(code);
    }

    /** An {@link #ARRAY}'s element count or an {@link #OBJECT}'s field count. */
    public int size(int code) {
        return pool.size(code);
    }

    /** An {@link #ARRAY}'s element i. */
    public int element(int code, int i) {
        return pool.element(code, i);
    }

    /** An {@link #OBJECT}'s field i: its name. */
    public String fieldName(int code, int i) {
        return pool.fieldName(code, i);
    }

    /** An {@link #OBJECT}'s field i: its name's id, one per distinct string of the history (to cache what a name stands for). */
    public int fieldNameId(int code, int i) {
        return pool.fieldNameId(code, i);
    }

    /** An {@link #OBJECT}'s field i: its value. */
    public int fieldValue(int code, int i) {
        return pool.fieldValue(code, i);
    }

    /** An {@link #INTEGER}'s value. */
    public long longValue(int code) {
        return pool.longValue(code);
    }

    /** A {@link #TEXT}'s string. */
    public String text(int code) {
        return pool.text(code);
    }

    /** Any value as a tree ({@code null} for nil), {@code equals} to the one read. */
    public JsonNode decode(int code) {
        return code == ValuePool.NIL ? null : pool.decode(code);
    }
}
