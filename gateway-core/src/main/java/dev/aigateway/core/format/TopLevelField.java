package dev.aigateway.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aigateway.core.internal.Json;
import java.io.IOException;

/**
 * One field of a JSON object, read without building a tree of the rest: the usage of an answer is
 * one small object at the top of a body that may hold long texts, and reading it is on every
 * observed call's path.
 */
final class TopLevelField {
    /** Reads one value in the middle of a document: what follows it is not trailing garbage. */
    private static final ObjectReader VALUE =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TopLevelField() {}

    /** The value of {@code name} in the object {@code body}; missing when absent or not an object's JSON. */
    static JsonNode read(byte[] body, String name) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return MissingNode.getInstance();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(parser.currentName());
                parser.nextToken();
                if (wanted) {
                    JsonNode value = VALUE.readTree(parser);
                    return value == null ? MissingNode.getInstance() : value;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // not JSON: no usage
        }
        return MissingNode.getInstance();
    }
}
