package dev.aigateway.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.config.Condition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates conditional-routing queries against {@code {metadata, params, url:{pathname}}}. Keys
 * are dotted paths resolved to any depth; every key of a query must match (an implicit AND, also
 * around {@code $and}/{@code $or}). Thread-safe; compiled {@code $regex} patterns are cached.
 */
final class ConditionEvaluator {
    private static final int MAX_CACHED_PATTERNS = 256;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NEVER = Pattern.compile("(?!)");

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** The {@code then} of the first matching condition, or empty. */
    Optional<String> firstMatch(List<Condition> conditions, ObjectNode context) {
        for (Condition condition : conditions) {
            if (matches(condition.query(), context)) {
                return Optional.of(condition.then());
            }
        }
        return Optional.empty();
    }

    boolean matches(JsonNode query, ObjectNode context) {
        for (Map.Entry<String, JsonNode> entry : query.properties()) {
            String key = entry.getKey();
            JsonNode expected = entry.getValue();
            boolean ok =
                    switch (key) {
                        case "$and" -> all(expected, context);
                        case "$or" -> any(expected, context);
                        default -> fieldMatches(resolve(context, key), expected);
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean all(JsonNode queries, ObjectNode context) {
        for (JsonNode query : queries) {
            if (!matches(query, context)) {
                return false;
            }
        }
        return true;
    }

    private boolean any(JsonNode queries, ObjectNode context) {
        for (JsonNode query : queries) {
            if (matches(query, context)) {
                return true;
            }
        }
        return false;
    }

    private boolean fieldMatches(JsonNode actual, JsonNode expected) {
        if (!expected.isObject()) {
            return same(actual, expected);
        }
        for (Map.Entry<String, JsonNode> op : expected.properties()) {
            if (!operator(op.getKey(), actual, op.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean operator(String op, JsonNode actual, JsonNode value) {
        return switch (op) {
            case "$eq" -> same(actual, value);
            case "$ne" -> !same(actual, value);
            case "$gt" -> ordered(actual, value, c -> c > 0);
            case "$gte" -> ordered(actual, value, c -> c >= 0);
            case "$lt" -> ordered(actual, value, c -> c < 0);
            case "$lte" -> ordered(actual, value, c -> c <= 0);
            case "$in" -> contains(value, actual);
            case "$nin" -> !contains(value, actual);
            case "$regex" -> regex(actual, value);
            default -> false; // rejected when the config was parsed
        };
    }

    /** Strict equality: numbers compare by value, everything else as JSON; missing equals nothing. */
    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isMissingNode()) {
            return false;
        }
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    private static boolean contains(JsonNode array, JsonNode actual) {
        for (JsonNode item : array) {
            if (same(actual, item)) {
                return true;
            }
        }
        return false;
    }

    /** Compares as JavaScript's parseFloat would; a side that is not a number never matches. */
    private static boolean ordered(JsonNode actual, JsonNode expected, IntPredicate test) {
        double a = parseFloat(actual);
        double b = parseFloat(expected);
        return !Double.isNaN(a) && !Double.isNaN(b) && test.test(Double.compare(a, b));
    }

    private static double parseFloat(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (!node.isTextual()) {
            return Double.NaN;
        }
        Matcher m = LEADING_NUMBER.matcher(node.asText());
        return m.find() ? Double.parseDouble(m.group().strip()) : Double.NaN;
    }

    private boolean regex(JsonNode actual, JsonNode value) {
        if (actual.isMissingNode() || !value.isTextual()) {
            return false;
        }
        Pattern pattern = patterns.get(value.asText());
        if (pattern == null) {
            pattern = compile(value.asText());
            if (patterns.size() < MAX_CACHED_PATTERNS) {
                patterns.put(value.asText(), pattern);
            }
        }
        return pattern.matcher(actual.isTextual() ? actual.asText() : actual.toString())
                .find();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return NEVER; // Portkey treats an invalid regex as "no match"
        }
    }

    private static JsonNode resolve(ObjectNode context, String dottedKey) {
        JsonNode node = context;
        for (String part : dottedKey.split("\\.")) {
            node = node.path(part);
            if (node.isMissingNode()) {
                return MissingNode.getInstance();
            }
        }
        return node;
    }
}
