package dev.ariadne.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The arrays and objects a history's {@link ValuePool} decodes. They are canonical by construction
 * (every element decoded from a code), so {@link Values#canonical} takes them as they are instead of
 * walking them again each time an operation is made from the columns: on a log history, where each
 * poll returns a map of lists of [offset value] pairs, that walk was most of the check's time. History
 * values are never to be modified; these would no longer be canonical if they were.
 */
final class DecodedNodes {
    private DecodedNodes() {}

    static final class Array extends ArrayNode {
        Array(int capacity) {
            super(Values.NODES, capacity);
        }
    }

    static final class Object extends ObjectNode {
        Object() {
            super(Values.NODES);
        }
    }
}
