package dev.aigateway.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one shared {@link ObjectMapper} and a few tree helpers. Thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses JSON text; throws {@link JsonProcessingException} on malformed input. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** Parses JSON bytes; throws {@link IOException} on malformed input. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /** Parses JSON bytes, or returns {@code null} when they are not JSON. */
    public static JsonNode parseOrNull(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text value of {@code node.field}, or {@code null} when absent, null or not textual. */
    public static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /**
     * Sets {@code value} at a dotted path such as {@code generationConfig.maxOutputTokens}, creating
     * intermediate objects.
     */
    public static void setPath(ObjectNode root, String dottedPath, JsonNode value) {
        ObjectNode node = root;
        int start = 0;
        int dot;
        while ((dot = dottedPath.indexOf('.', start)) >= 0) {
            String key = dottedPath.substring(start, dot);
            JsonNode child = node.get(key);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(key);
            }
            node = (ObjectNode) child;
            start = dot + 1;
        }
        node.set(dottedPath.substring(start), value);
    }
}
