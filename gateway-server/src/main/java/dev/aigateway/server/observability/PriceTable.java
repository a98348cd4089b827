package dev.aigateway.server.observability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.event.Usage;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prices per provider and model: the table shipped in the jar ({@code prices.json} beside this
 * class), with an operator's file over it ({@code --prices}), whose models replace or add to the
 * shipped ones. A model is found by its exact name, then without a date suffix
 * ({@code gpt-4o-2024-08-06} as {@code gpt-4o}); a model not found has no cost (reported as
 * unknown, never as zero). Immutable.
 */
public final class PriceTable {
    private static final String SHIPPED = "prices.json";
    private static final Set<String> FIELDS = Set.of("input", "output", "cache_read", "cache_write", "reasoning");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{4}|latest)$");

    private final Map<String, Map<String, Price>> prices;

    private PriceTable(Map<String, Map<String, Price>> prices) {
        this.prices = prices;
    }

    /** The shipped table. */
    public static PriceTable shipped() {
        try (InputStream in = PriceTable.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the jar");
            }
            Map<String, Map<String, Price>> table = new HashMap<>();
            read(Json.parse(in.readAllBytes()), SHIPPED, table);
            return new PriceTable(table);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the shipped price table", e);
        }
    }

    /** The shipped table with {@code file} over it; a bad file throws with what is wrong where. */
    public static PriceTable shippedWith(Path file) {
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the price file " + file + ": " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = Json.parse(text);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("the price file " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the price file " + file + " is not JSON");
        }
        Map<String, Map<String, Price>> table = new HashMap<>(shipped().prices);
        table.replaceAll((provider, models) -> new HashMap<>(models));
        read(tree, file.toString(), table);
        return new PriceTable(table);
    }

    /** The cost of {@code usage} on {@code provider}'s {@code model}; empty when either is unknown. */
    public OptionalDouble cost(String provider, String model, Usage usage) {
        return price(provider, model).map(price -> price.cost(usage)).orElse(OptionalDouble.empty());
    }

    Optional<Price> price(String provider, String model) {
        Map<String, Price> models = prices.get(provider);
        if (models == null) {
            return Optional.empty();
        }
        Price exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(models.get(DATE_SUFFIX.matcher(model).replaceFirst("")));
    }

    private static void read(JsonNode tree, String source, Map<String, Map<String, Price>> table) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    source + ": expected {\"provider\": {\"model\": {\"input\": ..., \"output\": ...}}}");
        }
        for (Map.Entry<String, JsonNode> provider : tree.properties()) {
            if (provider.getKey().startsWith("_")) {
                continue; // comments
            }
            if (!provider.getValue().isObject()) {
                throw new IllegalArgumentException(
                        source + ": " + provider.getKey() + " must map model names to prices");
            }
            Map<String, Price> models = table.computeIfAbsent(provider.getKey(), p -> new HashMap<>());
            for (Map.Entry<String, JsonNode> model : provider.getValue().properties()) {
                models.put(
                        model.getKey(),
                        price(model.getValue(), source + ": " + provider.getKey() + "." + model.getKey()));
            }
        }
    }

    private static Price price(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    path + " must be {\"input\": ..., \"output\": ...} in USD per million tokens");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException(path + "." + field.getKey() + " is unknown; known: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        return new Price(
                required(node, "input", path),
                node.has("output") ? required(node, "output", path) : 0,
                optional(node, "cache_read", path),
                optional(node, "cache_write", path),
                optional(node, "reasoning", path));
    }

    private static double required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException(
                    path + "." + field + " must be a number of at least 0 (USD per million tokens)");
        }
        return value.asDouble();
    }

    private static OptionalDouble optional(JsonNode node, String field, String path) {
        return node.has(field) ? OptionalDouble.of(required(node, field, path)) : OptionalDouble.empty();
    }
}
