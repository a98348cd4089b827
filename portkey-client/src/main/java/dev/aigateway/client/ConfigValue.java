package dev.aigateway.client;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A piece of Portkey gateway config (a whole config, a target, a strategy, a retry or cache policy)
 * as an immutable JSON object with Portkey's snake_case keys. Jackson serialises it as that object,
 * so a value can also sit inside plain maps given to {@link Portkey#createHeaders(Map)}.
 * {@code toString()} masks credentials. Thread-safe.
 */
public abstract sealed class ConfigValue permits PortkeyConfig, Target, Strategy, Retry, Cache, CircuitBreakerConfig {
    private static final String MASK = "***";

    /** Never exposed or changed after construction: accessors hand out copies. */
    private final ObjectNode json;

    ConfigValue(ObjectNode json) {
        this.json = json;
    }

    /** A copy of the JSON object; changing it does not change this value. */
    @JsonValue
    public final ObjectNode toJsonNode() {
        return json.deepCopy();
    }

    /** Compact JSON, non-ASCII characters escaped, ready for the {@code x-portkey-config} header. */
    public final String toJson() {
        return HeaderJson.write(json);
    }

    /** A new, empty JSON object for subclasses to fill before construction. */
    static ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * A whole number as the node a JSON parser would produce for its text (int when it fits), so
     * that trees compare equal to parsed JSON.
     */
    static JsonNode wholeNumber(long value) {
        return value == (int) value
                ? JsonNodeFactory.instance.numberNode((int) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    /** Checks that every code is an HTTP status (100-599) and returns them as a JSON array. */
    static ArrayNode statusCodes(int... codes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(codes.length);
        for (int code : codes) {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("Not an HTTP status code: " + code);
            }
            array.add(code);
        }
        return array;
    }

    /** For subclasses and builders: the live object, never to be modified. */
    final ObjectNode json() {
        return json;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && json.equals(((ConfigValue) other).json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    /** The JSON with keys, secrets, tokens and service-account JSON replaced by {@code ***}. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + HeaderJson.write(masked(json));
    }

    private static JsonNode masked(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node.isArray()) {
            node.forEach(ConfigValue::maskInPlace);
        } else if (node instanceof ObjectNode object) {
            // Copy the names first: put(...) below must not run while iterating the live fields.
            List<String> names =
                    object.properties().stream().map(Map.Entry::getKey).toList();
            for (String name : names) {
                if (isSecret(name)) {
                    object.put(name, MASK);
                } else {
                    maskInPlace(object.get(name));
                }
            }
        }
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith("key")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("password")
                || lower.equals("authorization")
                || lower.endsWith("service_account_json");
    }
}
