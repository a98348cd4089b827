package dev.aigateway.examples.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the fake model "extracts" structured data: it fills a JSON schema (a tool's parameters, a
 * {@code json_schema} response format) with values taken from the prompt in order, the quoted
 * strings for string fields and the numbers for number fields. So {@code What is 1234 plus 5678?}
 * calls {@code add(a, b)} with {@code {"a":1234,"b":5678}}, and {@code "Ada Lovelace" is 36} fills
 * {@code {"name": string, "age": integer}} as {@code {"name":"Ada Lovelace","age":36}}: enough for
 * a framework's tools and structured output to be tested offline, with answers that depend on the
 * prompt.
 */
final class SchemaSample {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    /** Deeper than any schema a framework sends for a record; stops self-referencing schemas. */
    private static final int MAX_DEPTH = 8;

    private final Deque<String> strings = new ArrayDeque<>();
    private final Deque<BigDecimal> numbers = new ArrayDeque<>();
    private final JsonNode root;

    private SchemaSample(String prompt, JsonNode root) {
        Matcher quoted = QUOTED.matcher(prompt);
        while (quoted.find()) {
            strings.add(quoted.group(1));
        }
        Matcher number = NUMBER.matcher(QUOTED.matcher(prompt).replaceAll(" "));
        while (number.find()) {
            numbers.add(new BigDecimal(number.group()));
        }
        this.root = root;
    }

    /** A value that fits {@code schema}, with the values of {@code prompt} in it. */
    static JsonNode fill(JsonNode schema, String prompt) {
        return new SchemaSample(prompt, schema).value(schema, 0);
    }

    private JsonNode value(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            return value(resolve(schema.path("$ref").asText()), depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        for (String choice : new String[] {"anyOf", "oneOf", "allOf"}) {
            for (JsonNode option : schema.path(choice)) {
                if (!"null".equals(type(option))) {
                    return value(option, depth + 1);
                }
            }
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(value(schema.path("items"), depth + 1));
                yield array;
            }
            case "string" -> NODES.textNode(strings.isEmpty() ? "" : strings.poll());
            case "integer" -> NODES.numberNode(
                    numbers.isEmpty() ? 0L : numbers.poll().longValue());
            case "number" -> NODES.numberNode(numbers.isEmpty() ? BigDecimal.ZERO : numbers.poll());
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.nullNode();
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            object.set(property.getKey(), value(property.getValue(), depth + 1));
        }
        return object;
    }

    /** The schema's type; of a list such as {@code ["string", "null"]}, the first that is not null. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
            return "null";
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asText("");
    }

    /** A local reference such as {@code #/$defs/Person}. */
    private JsonNode resolve(String reference) {
        return reference.startsWith("#") ? root.at(reference.substring(1)) : NODES.objectNode();
    }
}
