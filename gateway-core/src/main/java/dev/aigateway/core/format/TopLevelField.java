package dev.aigateway.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;

/**
 * A JSON value read with a parser, for what {@link UsageFields} cannot read from the bytes alone: a
 * top-level field found by reading every field's tokens before it, or a value whose bounds {@link
 * TopLevelScan} found. The tree is built from the parser's tokens directly: a databind reader per
 * answer (its deserialization context) cost more than finding the value.
 */
final class TopLevelField {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TopLevelField() {}

    /** The JSON value in {@code body[start, end)}; missing when it is not JSON. */
    static JsonNode valueAt(byte[] body, int start, int end) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body, start, end - start)) {
            parser.nextToken();
            return value(parser);
        } catch (IOException e) {
            return MissingNode.getInstance(); // the value is not JSON
        }
    }

    /** As {@link #read}, with a parser reading every field's tokens up to the one wanted. */
    static JsonNode parse(byte[] body, String name) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return MissingNode.getInstance();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(parser.currentName());
                parser.nextToken();
                if (wanted) {
                    return value(parser);
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // not JSON: no usage
        }
        return MissingNode.getInstance();
    }

    /** The value at the parser's current token; nesting is bounded by the parser's own limit. */
    private static JsonNode value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(field, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken token = parser.nextToken();
                        token != JsonToken.END_ARRAY && token != null;
                        token = parser.nextToken()) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> MissingNode.getInstance();
        };
    }
}
