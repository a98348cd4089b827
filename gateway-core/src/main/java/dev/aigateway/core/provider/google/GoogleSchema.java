package dev.aigateway.core.provider.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON Schema (tool {@code parameters}, {@code response_format.json_schema}) into the
 * OpenAPI subset Gemini's {@code Schema} accepts. Gemini rejects the whole request for any field it
 * does not know ({@code Unknown name "additionalProperties"}), so this keeps only Gemini's fields
 * (Portkey deletes a few known offenders instead), and rewrites what can be expressed:
 *
 * <ul>
 *   <li>{@code $ref} to {@code #/$defs/X} or {@code #/definitions/X} is inlined; a property that
 *       refers back into its own definition is left out, since Gemini has no references;
 *   <li>{@code required} names that are not (or no longer) properties are dropped;
 *   <li>{@code anyOf}/{@code oneOf} with a {@code {"type":"null"}} member and a type list with
 *       {@code "null"} become {@code nullable: true};
 *   <li>{@code const} becomes a one-value {@code enum};
 *   <li>{@code format} is kept only where Gemini supports it ({@code enum} and {@code date-time} on
 *       strings, number and integer formats).
 * </ul>
 *
 * The input is not modified.
 */
final class GoogleSchema {
    private static final Set<String> KEPT = Set.of(
            "type",
            "title",
            "description",
            "nullable",
            "enum",
            "required",
            "maxItems",
            "minItems",
            "minProperties",
            "maxProperties",
            "minLength",
            "maxLength",
            "pattern",
            "example",
            "default",
            "minimum",
            "maximum",
            "propertyOrdering");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("enum", "date-time"),
            "number", Set.of("float", "double"),
            "integer", Set.of("int32", "int64"));
    private static final List<String> DEF_PREFIXES = List.of("#/$defs/", "#/definitions/");

    private final JsonNode root;
    private final Set<String> expanding = new HashSet<>();

    private GoogleSchema(JsonNode root) {
        this.root = root;
    }

    /** Gemini's form of {@code schema}; non-objects are returned unchanged. */
    static JsonNode clean(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return schema;
        }
        ObjectNode cleaned = new GoogleSchema(schema).node(schema);
        return cleaned == null ? Json.object() : cleaned;
    }

    /** Gemini's form of one schema, or {@code null} for a reference back into itself. */
    private ObjectNode node(JsonNode schema) {
        ObjectNode out = Json.object();
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && !inlineReference(ref.asText(), out)) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            copyField(field.getKey(), field.getValue(), out);
        }
        dropUnsupportedFormat(out);
        dropUndefinedRequired(out);
        return out;
    }

    /**
     * Copies the referenced definition into {@code out}; false when the reference is recursive, which
     * Gemini cannot express (the property holding it is then left out).
     */
    private boolean inlineReference(String ref, ObjectNode out) {
        if (expanding.contains(ref)) {
            return false;
        }
        JsonNode target = definition(ref);
        if (target != null) {
            expanding.add(ref);
            ObjectNode inlined = node(target);
            expanding.remove(ref);
            if (inlined != null) {
                out.setAll(inlined);
            }
        }
        return true;
    }

    private JsonNode definition(String ref) {
        for (String prefix : DEF_PREFIXES) {
            if (ref.startsWith(prefix)) {
                String container = prefix.substring(2, prefix.length() - 1);
                JsonNode target = root.path(container).get(ref.substring(prefix.length()));
                return target != null && target.isObject() ? target : null;
            }
        }
        return null;
    }

    private void copyField(String key, JsonNode value, ObjectNode out) {
        switch (key) {
            case "properties" -> {
                if (value.isObject()) {
                    ObjectNode properties = out.putObject("properties");
                    value.properties().forEach(p -> {
                        JsonNode property = child(p.getValue());
                        if (property != null) {
                            properties.set(p.getKey(), property);
                        }
                    });
                }
            }
            case "items" -> {
                JsonNode items = value.isObject() ? node(value) : null;
                if (items != null) {
                    out.set("items", items);
                }
            }
            case "anyOf", "oneOf" -> copyAlternatives(value, out);
            case "type" -> copyType(value, out);
            case "const" -> out.set("enum", Json.array().add(value));
            case "format" -> out.set("format", value); // checked once the type is known
            default -> {
                if (KEPT.contains(key)) {
                    out.set(key, value.deepCopy());
                }
            }
        }
    }

    /** A property's schema, or {@code null} when it is a recursive reference. */
    private JsonNode child(JsonNode value) {
        return value.isObject() ? node(value) : value.deepCopy();
    }

    private void copyAlternatives(JsonNode alternatives, ObjectNode out) {
        if (!alternatives.isArray()) {
            return;
        }
        ArrayNode kept = Json.array();
        boolean nullable = false;
        for (JsonNode alternative : alternatives) {
            if ("null".equals(alternative.path("type").asText())) {
                nullable = true;
            } else if (alternative.isObject()) {
                ObjectNode cleaned = node(alternative);
                if (cleaned != null) {
                    kept.add(cleaned);
                }
            }
        }
        if (kept.size() == 1) {
            out.setAll((ObjectNode) kept.get(0)); // Optional[X] in Pydantic: just a nullable X
        } else if (!kept.isEmpty()) {
            out.set("anyOf", kept);
        }
        if (nullable) {
            out.put("nullable", true);
        }
    }

    private static void copyType(JsonNode type, ObjectNode out) {
        if (type.isTextual()) {
            if (!type.asText().equals("null")) {
                out.set("type", type);
            }
            return;
        }
        for (JsonNode member : type) {
            if (member.asText().equals("null")) {
                out.put("nullable", true);
            } else if (!out.has("type")) {
                out.set("type", member); // Gemini has one type per schema; the first one wins
            }
        }
    }

    /** Gemini rejects {@code required} names that are not properties (e.g. ones dropped above). */
    private static void dropUndefinedRequired(ObjectNode out) {
        JsonNode required = out.get("required");
        JsonNode properties = out.get("properties");
        if (required == null || !required.isArray() || properties == null) {
            return;
        }
        ArrayNode defined = Json.array();
        required.forEach(name -> {
            if (properties.has(name.asText())) {
                defined.add(name);
            }
        });
        out.set("required", defined);
    }

    private static void dropUnsupportedFormat(ObjectNode out) {
        JsonNode format = out.get("format");
        if (format != null
                && !FORMATS.getOrDefault(out.path("type").asText().toLowerCase(Locale.ROOT), Set.of())
                        .contains(format.asText())) {
            out.remove("format");
        }
    }
}
