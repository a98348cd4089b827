package dev.aigateway.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random JSON values of the kinds that break parsers and validators: wrong types, numbers at and
 * past every limit, unicode (lone surrogates included), control characters, very long strings and
 * deep nesting. Seeded, so a failure can be replayed.
 */
public final class RandomJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of(
            "",
            " ",
            "a",
            "pro",
            "gpt-4o",
            "openai",
            "google",
            "fallback",
            "null",
            "true",
            "0",
            "-1",
            "1e400",
            "targets",
            "$regex",
            "$or",
            "__proto__",
            "constructor",
            "{}",
            "[]",
            "\"",
            "\\",
            "%00",
            "../..");
    private static final List<String> ODD = List.of(
            "é",
            "日本語",
            "\uD83D\uDE00",
            "\uD800",
            "\uDFFF",
            "\u0000",
            "\u0007",
            "\r\n",
            "\t",
            "\u2028",
            "\uFEFF",
            "\u202E",
            "Ω≈ç√",
            "\\u0000");

    private final SplittableRandom random;

    public RandomJson(SplittableRandom random) {
        this.random = random;
    }

    public SplittableRandom random() {
        return random;
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int between(int from, int toInclusive) {
        return random.nextInt(from, toInclusive + 1);
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A string: usually a word, often odd characters; never long (see {@link #longString()}). */
    public String string() {
        int kind = random.nextInt(29);
        if (kind < 12) {
            return pick(WORDS);
        }
        if (kind < 21) {
            StringBuilder text = new StringBuilder();
            int parts = between(1, 5);
            for (int i = 0; i < parts; i++) {
                text.append(chance(0.5) ? pick(WORDS) : pick(ODD));
            }
            return text.toString();
        }
        StringBuilder text = new StringBuilder();
        int length = between(1, 40);
        for (int i = 0; i < length; i++) {
            text.append((char) between(0, 0x2FF));
        }
        return text.toString();
    }

    /** A string of a thousand to a hundred thousand characters. */
    public String longString() {
        return pick(List.of("a", "x", "é", "(.*a)")).repeat(between(1_000, 100_000));
    }

    /** A number: small, huge, negative, fractional, beyond long and double. */
    public JsonNode number() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(between(-2, 10));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.numberNode(Long.MAX_VALUE);
            case 3 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
            case 4 -> NODES.numberNode(random.nextDouble() * 1000 - 500);
            case 5 -> NODES.numberNode(Double.MAX_VALUE);
            case 6 -> NODES.numberNode(new BigDecimal("1e400"));
            case 7 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(between(100, 600));
        };
    }

    /** Any JSON value, nested up to {@code depth} more levels. */
    public JsonNode value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> number();
            case 3, 4 -> NODES.textNode(chance(0.002) ? longString() : string());
            case 5, 6 -> object(depth - 1);
            default -> array(depth - 1);
        };
    }

    public ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = between(0, 4);
        for (int i = 0; i < size; i++) {
            object.set(chance(0.7) ? pick(WORDS) : string(), value(depth));
        }
        return object;
    }

    public ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = between(0, 4);
        for (int i = 0; i < size; i++) {
            array.add(value(depth));
        }
        return array;
    }

    /** {@code levels} arrays, one inside the other, around {@code inner}. */
    public static String nestedArrays(int levels, String inner) {
        return "[".repeat(levels) + inner + "]".repeat(levels);
    }
}
