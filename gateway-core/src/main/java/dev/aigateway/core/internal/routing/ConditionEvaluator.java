package dev.aigateway.core.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.Condition;
import dev.aigateway.core.config.ConditionRegex;
import dev.aigateway.core.internal.BoundedCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Evaluates conditional-routing queries against {@code {metadata, params, url:{pathname}}}. Keys
 * are dotted paths resolved to any depth; every key of a query must match (an implicit AND, also
 * around {@code $and}/{@code $or}). {@code $regex} runs on RE2/J, in time linear in the text, within
 * the request's {@link RegexBudget}, and stops when the caller goes away. Thread-safe; compiled
 * patterns are cached.
 */
final class ConditionEvaluator {
    private static final int CACHED_PATTERNS = 256;
    private static final int MAX_NUMBER_CHARS = 1000;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final BoundedCache<String, Optional<Pattern>> patterns = new BoundedCache<>(CACHED_PATTERNS);

    /**
     * The {@code then} of the first matching condition, or empty.
     *
     * @throws dev.aigateway.core.error.GatewayException 400 when the {@code $regex} work would pass
     *     the request's budget, 499 when the caller went away
     */
    Optional<String> firstMatch(List<Condition> conditions, ObjectNode context, RegexBudget budget) {
        for (Condition condition : conditions) {
            budget.stopIfCancelled();
            if (matches(condition.query(), context, budget)) {
                return Optional.of(condition.then());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code query} matches, with a fresh budget and no cancellation. */
    boolean matches(JsonNode query, ObjectNode context) {
        return matches(query, context, RegexBudget.forRequest(Cancellation.none()));
    }

    boolean matches(JsonNode query, ObjectNode context, RegexBudget budget) {
        for (Map.Entry<String, JsonNode> entry : query.properties()) {
            String key = entry.getKey();
            JsonNode expected = entry.getValue();
            boolean ok =
                    switch (key) {
                        case "$and" -> all(expected, context, budget);
                        case "$or" -> any(expected, context, budget);
                        default -> fieldMatches(key, resolve(context, key), expected, budget);
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean all(JsonNode queries, ObjectNode context, RegexBudget budget) {
        for (JsonNode query : queries) {
            if (!matches(query, context, budget)) {
                return false;
            }
        }
        return true;
    }

    private boolean any(JsonNode queries, ObjectNode context, RegexBudget budget) {
        for (JsonNode query : queries) {
            if (matches(query, context, budget)) {
                return true;
            }
        }
        return false;
    }

    private boolean fieldMatches(String key, JsonNode actual, JsonNode expected, RegexBudget budget) {
        if (!expected.isObject()) {
            return same(actual, expected);
        }
        for (Map.Entry<String, JsonNode> op : expected.properties()) {
            if (!operator(op.getKey(), key, actual, op.getValue(), budget)) {
                return false;
            }
        }
        return true;
    }

    private boolean operator(String op, String key, JsonNode actual, JsonNode value, RegexBudget budget) {
        return switch (op) {
            case "$eq" -> same(actual, value);
            case "$ne" -> !same(actual, value);
            case "$gt" -> ordered(actual, value, c -> c > 0);
            case "$gte" -> ordered(actual, value, c -> c >= 0);
            case "$lt" -> ordered(actual, value, c -> c < 0);
            case "$lte" -> ordered(actual, value, c -> c <= 0);
            case "$in" -> contains(value, actual);
            case "$nin" -> !contains(value, actual);
            case "$regex" -> regex(key, actual, value, budget);
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
        String text = node.asText().strip();
        // Only a number's first characters matter to a double (past ~330 digits it is 0 or infinite),
        // so a huge value costs no more than a short one.
        Matcher m =
                LEADING_NUMBER.matcher(text.length() > MAX_NUMBER_CHARS ? text.substring(0, MAX_NUMBER_CHARS) : text);
        return m.find() ? Double.parseDouble(m.group().strip()) : Double.NaN;
    }

    /**
     * Whether {@code value}'s pattern is found in {@code actual}: a text as it is, anything else as
     * its JSON text. A pattern RE2 cannot run never matches (the parser refuses it first).
     */
    private boolean regex(String key, JsonNode actual, JsonNode value, RegexBudget budget) {
        if (actual.isMissingNode() || !value.isTextual()) {
            return false;
        }
        Optional<Pattern> pattern = patterns.get(value.asText(), ConditionEvaluator::compile);
        if (pattern.isEmpty()) {
            return false;
        }
        int instructions = pattern.get().programSize();
        String text = actual.isTextual()
                ? actual.asText()
                : BoundedJsonText.of(actual, budget.charsLeft(instructions))
                        .orElseThrow(() ->
                                budget.overBudget("more than " + budget.charsLeft(instructions), instructions, key));
        budget.charge(text.length(), instructions, key);
        return pattern.get().matcher(budget.watched(text)).find();
    }

    private static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(ConditionRegex.compile(regex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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
