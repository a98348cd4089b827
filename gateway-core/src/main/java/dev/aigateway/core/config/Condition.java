package dev.aigateway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One conditional-routing rule: when {@code query} matches the request, route to the target named
 * {@code then}. Queries use Portkey's operators: {@code $eq $ne $gt $gte $lt $lte $in $nin $regex}
 * on a field, and {@code $and}/{@code $or} over sub-queries. {@code $regex} patterns are RE2 syntax
 * and are checked when the config is parsed ({@link ConditionRegex}).
 */
public record Condition(ObjectNode query, String then) {
    /** The field operators a query may use. */
    public static final Set<String> FIELD_OPERATORS =
            Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$regex");

    /** The logical operators a query may use. */
    public static final Set<String> LOGICAL_OPERATORS = Set.of("$and", "$or");

    public Condition {
        query = query.deepCopy();
    }

    /** The query, as a copy: the config tree it belongs to is shared by every request sending it. */
    @Override
    public ObjectNode query() {
        return query.deepCopy();
    }

    /** The first thing wrong with {@code query}, as {@code (relative path, problem)}, if any. */
    static Optional<Map.Entry<String, String>> problem(JsonNode query, String path) {
        if (!query.isObject()) {
            return Optional.of(Map.entry(path, "must be an object"));
        }
        for (Map.Entry<String, JsonNode> field : query.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + key;
            if (LOGICAL_OPERATORS.contains(key)) {
                if (!value.isArray()) {
                    return Optional.of(Map.entry(at, key + " takes an array of queries"));
                }
                for (int i = 0; i < value.size(); i++) {
                    Optional<Map.Entry<String, String>> inner = problem(value.get(i), at + "[" + i + "]");
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            } else if (key.startsWith("$")) {
                return Optional.of(Map.entry(at, "Unsupported operator used in the query router: " + key));
            } else if (value.isObject()) {
                for (String op : (Iterable<String>) value::fieldNames) {
                    if (!FIELD_OPERATORS.contains(op)) {
                        return Optional.of(Map.entry(at, "Unsupported operator used in the query router: " + op));
                    }
                    if ((op.equals("$in") || op.equals("$nin"))
                            && !value.get(op).isArray()) {
                        return Optional.of(Map.entry(at + "." + op, op + " takes an array"));
                    }
                    if (op.equals("$regex")) {
                        Optional<String> regexProblem = regexProblem(value.get(op));
                        if (regexProblem.isPresent()) {
                            return Optional.of(Map.entry(at + "." + op, regexProblem.get()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Why a {@code $regex} operand cannot be used: not a string, or refused by {@link ConditionRegex}. */
    private static Optional<String> regexProblem(JsonNode pattern) {
        if (!pattern.isTextual()) {
            return Optional.of("$regex takes a pattern as a string");
        }
        try {
            ConditionRegex.compile(pattern.asText());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
