package dev.ariadne.history.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ariadne.history.Values;

import java.io.IOException;

/** Reads one JSON value from a streaming parser as a canonical tree (see {@link Values}). */
final class JsonTrees {
    private JsonTrees() {}

    /** Reads the value whose first token is the parser's current token. */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return Values.integer(p.getBigIntegerValue());
                return Values.of(p.getLongValue());
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                // 1e400 would read as infinity and equal 2e400: refuse it rather than compare it wrongly.
                if (Double.isInfinite(d) || Double.isNaN(d)) throw new JsonParseException(p, "number " + p.getText() + " is out of range");
                return DoubleNode.valueOf(d);
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            case START_ARRAY: {
                ArrayNode a = Values.NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(read(p));
                return a;
            }
            case START_OBJECT: {
                ObjectNode o = Values.NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (o.has(name)) throw new JsonParseException(p, "the object has the key \"" + name + "\" twice");
                    p.nextToken();
                    o.set(name, read(p));
                }
                return o;
            }
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }
}
