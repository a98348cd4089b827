package dev.aigateway.core.hooks.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads check parameters with the JavaScript truthiness Portkey's checks rely on. */
final class Params {
    private Params() {}

    /** {@code parameters.name || false}. */
    static boolean flag(ObjectNode parameters, String name) {
        return truthy(parameters.get(name));
    }

    static boolean truthy(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.asDouble() != 0 && !Double.isNaN(node.asDouble());
        }
        if (node.isTextual()) {
            return !node.asText().isEmpty();
        }
        return true;
    }

    /** A string parameter; empty when absent, null or not a string. */
    static Optional<String> text(ObjectNode parameters, String name) {
        JsonNode node = parameters.get(name);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A parameter, or {@code fallback} when it is absent or null (the manifest's default). */
    static JsonNode orDefault(ObjectNode parameters, String name, JsonNode fallback) {
        JsonNode node = parameters.get(name);
        return node == null || node.isNull() ? fallback : node;
    }

    /** A string parameter, or its manifest default when absent. */
    static String textOr(ObjectNode parameters, String name, String fallback) {
        return orDefault(parameters, name, TextNode.valueOf(fallback)).asText();
    }

    /** The strings of an array parameter; empty when it is not an array. */
    static Optional<List<String>> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.isTextual() ? item.asText() : item.toString()));
        return Optional.of(out);
    }

    /** A number as JavaScript prints it: {@code 5}, not {@code 5.0}. */
    static String number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "undefined";
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) && !Double.isInfinite(value)
                    ? Long.toString((long) value)
                    : Double.toString(value);
        }
        return node.asText();
    }

    /** Whether {@code node} is a whole number, as {@code Number.isInteger}. */
    static boolean isInteger(JsonNode node) {
        return node != null
                && node.isNumber()
                && node.asDouble() == Math.rint(node.asDouble())
                && !Double.isInfinite(node.asDouble());
    }
}
