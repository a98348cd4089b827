package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Counts read from an answer's bytes are the counts a tree of its usage holds. */
class UsageFieldsTest {
    private static final List<String> COUNTS = List.of(
            "prompt_tokens",
            "completion_tokens",
            "input_tokens",
            "output_tokens",
            "cached_tokens",
            "reasoning_tokens",
            "cache_read_input_tokens",
            "absent");
    private static final List<String> OBJECTS =
            List.of("prompt_tokens_details", "completion_tokens_details", "input_tokens_details", "absent");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void same(byte[] body) {
        UsageFields read = UsageFields.read(body, "usage");
        UsageFields tree = UsageFields.tree(TopLevelField.parse(body, "usage"));
        String text = new String(body, StandardCharsets.UTF_8);
        for (String count : COUNTS) {
            assertEquals(tree.count(count), read.count(count), () -> count + " in " + text);
            for (String object : OBJECTS) {
                assertEquals(
                        tree.object(object).count(count),
                        read.object(object).count(count),
                        () -> object + "." + count + " in " + text);
            }
        }
    }

    @Test
    void plainIntegersAreReadAndOtherNumbersAsAParserReadsThem() {
        byte[] body = bytes("{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":-0,\"input_tokens\":1.5,"
                + "\"output_tokens\":2e3,\"cached_tokens\":123456789012345678901,\"reasoning_tokens\":\"7\","
                + "\"cache_read_input_tokens\":-999999999999999999}}");
        UsageFields usage = UsageFields.read(body, "usage");
        assertEquals(OptionalLong.of(12), usage.count("prompt_tokens"));
        assertEquals(OptionalLong.of(0), usage.count("completion_tokens"));
        assertEquals(OptionalLong.empty(), usage.count("input_tokens"));
        assertEquals(OptionalLong.empty(), usage.count("output_tokens"));
        assertEquals(OptionalLong.empty(), usage.count("reasoning_tokens"));
        assertEquals(OptionalLong.of(-999_999_999_999_999_999L), usage.count("cache_read_input_tokens"));
        same(body);
    }

    @Test
    void theLastOfTwoFieldsOfOneNameCountsAsInATree() {
        same(bytes("{\"usage\":{\"prompt_tokens\":1,\"prompt_tokens\":2,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"prompt_tokens_details\":{\"x\":1}}}"));
        assertEquals(
                OptionalLong.of(2),
                UsageFields.read(bytes("{\"usage\":{\"prompt_tokens\":1,\"prompt_tokens\":2}}"), "usage")
                        .count("prompt_tokens"));
    }

    @Test
    void escapedKeysAndStructureInStringsReadAlike() {
        same(bytes("{\"usage\":{\"pr\\u006fmpt_tokens\":4,\"completion_tokens\":5}}"));
        same(bytes("{\"usage\":{\"a\":\"},\\\"prompt_tokens\\\":9\",\"prompt_tokens\":8}}"));
        same(bytes("{\"usage\":{\"prompt_tokens_details\":{\"cach\\u0065d_tokens\":6}}}"));
        same(bytes("{\"usage\":[1,2]}"));
        same(bytes("{\"usage\":{\"prompt_tokens_details\":[{\"cached_tokens\":1}]}}"));
        same(bytes("{\"usage\":null}"));
        same(bytes("{\"id\":1}"));
    }

    @Test
    void aHostileUpstreamsDeepOrHugeUsageEndsWithoutAnError() {
        int depth = 100_000; // past a parser's nesting limit: the bytes are read without one
        byte[] deep = bytes("{\"usage\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"prompt_tokens\":5,"
                + "\"prompt_tokens_details\":" + "[".repeat(depth) + "]".repeat(depth) + "}}");
        UsageFields usage = UsageFields.read(deep, "usage");
        assertEquals(OptionalLong.of(5), usage.count("prompt_tokens"));
        assertEquals(OptionalLong.empty(), usage.object("prompt_tokens_details").count("cached_tokens"));
        byte[] unclosed = bytes("{\"usage\":{\"prompt_tokens\":5,\"a\":" + "{\"a\":".repeat(depth));
        assertEquals(OptionalLong.empty(), UsageFields.read(unclosed, "usage").count("prompt_tokens"));
        byte[] huge = bytes("{\"usage\":{\"a\":\"" + "x".repeat(8 * 1024 * 1024) + "\",\"prompt_tokens\":6}}");
        assertEquals(OptionalLong.of(6), UsageFields.read(huge, "usage").count("prompt_tokens"));
    }

    @Test
    void randomUsagesReadAlike() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder json = new StringBuilder("{\"id\":\"x\",\"usage\":");
            usage(json, random, 0);
            json.append(",\"model\":\"m\"}");
            byte[] body = bytes(json.toString());
            same(body);
            same(Arrays.copyOf(body, random.nextInt(body.length + 1)));
        }
    }

    private static void usage(StringBuilder json, Random random, int depth) {
        json.append('{');
        int fields = random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                json.append(random.nextBoolean() ? "," : " ,\n ");
            }
            boolean object = depth == 0 && random.nextInt(4) == 0;
            String name =
                    object ? OBJECTS.get(random.nextInt(OBJECTS.size())) : COUNTS.get(random.nextInt(COUNTS.size()));
            if (random.nextInt(10) == 0) {
                name = "\\u00" + Integer.toHexString(name.charAt(0)) + name.substring(1);
            }
            json.append('"').append(name).append("\":");
            if (object) {
                usage(json, random, depth + 1);
            } else {
                value(json, random);
            }
        }
        json.append('}');
    }

    private static void value(StringBuilder json, Random random) {
        switch (random.nextInt(9)) {
            case 0 -> json.append(random.nextInt(100_000));
            case 1 -> json.append(random.nextLong());
            case 2 -> json.append("9223372036854775807").append(random.nextInt(10)); // past a long
            case 3 -> json.append(-random.nextInt(100));
            case 4 -> json.append(random.nextInt(100)).append(".5");
            case 5 -> json.append(random.nextInt(100)).append(random.nextBoolean() ? "e2" : "E-1");
            case 6 -> json.append("\"").append(random.nextInt(10)).append("\"");
            case 7 -> json.append(random.nextBoolean() ? "null" : "[1,{\"prompt_tokens\":2}]");
            default -> json.append("0");
        }
    }
}
