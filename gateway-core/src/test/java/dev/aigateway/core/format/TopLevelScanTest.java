package dev.aigateway.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scan finds what a parser reading every token finds, or leaves the question to it. */
class TopLevelScanTest {
    private static final List<String> NAMES = List.of("usage", "choices", "model", "id", "error", "data", "absent");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void same(byte[] body) {
        for (String name : NAMES) {
            assertEquals(
                    TopLevelField.parse(body, name),
                    ScannedField.read(body, name),
                    () -> name + " in " + new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyJsonFileOfTheGoldenAndContractCasesReadsAlike() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertTrue(json.size() > 100, json.size() + " files");
            for (Path file : json) {
                same(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void stringsThatLookLikeStructureAreSkippedWhole() {
        same(bytes("{\"a\":\"},{\\\"usage\\\":1\",\"b\":[\"]\",\"\\\\\"],\"usage\":{\"prompt_tokens\":3}}"));
        same(bytes("{ \"a\" : { \"usage\" : 9 } ,\n\t\"usage\"\r\n:\n[ 1 , { \"x\" : \"}\" } ] }"));
        same(bytes("{\"model\":\"m\\u00e9\",\"id\":-1.5e3,\"choices\":true,\"data\":null,\"usage\":false}"));
        same(bytes("{}"));
        same(bytes("  {\"usage\":{}}  "));
    }

    @Test
    void aKeyWrittenWithEscapesIsLeftToTheParserAndStillFound() {
        byte[] body = bytes("{\"us\\u0061ge\":{\"prompt_tokens\":4}}");
        assertEquals(TopLevelScan.UNSURE, TopLevelScan.valueSpan(body, "usage"));
        assertEquals(4, ScannedField.read(body, "usage").path("prompt_tokens").asInt());
    }

    @Test
    void whatIsNotAnObjectOrDoesNotEndIsMissingWithoutAnError() {
        for (String text : List.of(
                "",
                "[]",
                "\"usage\"",
                "{",
                "{\"usage\"",
                "{\"usage\":",
                "{\"usage\":{\"a\":[1,2",
                "{\"a\":\"open",
                "{\"a\":1 \"usage\":2}",
                "{\"usage\":{]}",
                "{\"usage\":[1,2}",
                "{\"a\":1,}",
                "not json")) {
            assertTrue(ScannedField.read(bytes(text), "usage").isMissingNode(), text);
        }
    }

    @Test
    void aHostileUpstreamsDeepOrHugeUsageEndsWithoutAnError() {
        int depth = 100_000; // past the parser's nesting limit: the value is refused, the stack holds
        byte[] deep = bytes("{\"usage\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        assertTrue(ScannedField.read(deep, "usage").isMissingNode());
        byte[] unclosed = bytes("{\"usage\":" + "{\"a\":".repeat(depth));
        assertTrue(ScannedField.read(unclosed, "usage").isMissingNode());
        String text = "x".repeat(8 * 1024 * 1024);
        byte[] huge = bytes("{\"choices\":[\"" + text + "\"],\"usage\":{\"prompt_tokens\":5}}");
        assertEquals(5, ScannedField.read(huge, "usage").path("prompt_tokens").asInt());
    }

    @Test
    void randomDocumentsReadAlike() {
        Random random = new Random(20261206L);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder json = new StringBuilder();
            object(json, random, 0);
            byte[] body = bytes(json.toString());
            same(body);
            // A document cut short reads as the parser reads it: the field when it came whole before the cut.
            byte[] shorter = Arrays.copyOf(body, random.nextInt(body.length + 1));
            same(shorter);
        }
    }

    private static void object(StringBuilder json, Random random, int depth) {
        json.append('{').append(space(random));
        int fields = random.nextInt(depth == 0 ? 7 : 4);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                json.append(',').append(space(random));
            }
            String name = depth == 0 && random.nextInt(3) == 0 ? NAMES.get(random.nextInt(NAMES.size())) : word(random);
            json.append('"')
                    .append(name)
                    .append('"')
                    .append(space(random))
                    .append(':')
                    .append(space(random));
            value(json, random, depth + 1);
            json.append(space(random));
        }
        json.append('}');
    }

    private static void value(StringBuilder json, Random random, int depth) {
        switch (depth > 4 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> json.append('"').append(text(random)).append('"');
            case 1 -> json.append(random.nextInt(2_000_000) - 1_000_000);
            case 2 -> json.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "null" : "1.25e-3");
            case 3 -> json.append(random.nextLong());
            case 4 -> object(json, random, depth);
            default -> {
                json.append('[').append(space(random));
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    if (i > 0) {
                        json.append(',').append(space(random));
                    }
                    value(json, random, depth + 1);
                }
                json.append(space(random)).append(']');
            }
        }
    }

    private static String text(Random random) {
        String[] pieces = {"a", "usage", "\\\"", "\\\\", "}", "]", "{", "[", ",", ":", "\\n", "\\u00e9", "é", " ", "\\/"
        };
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private static String word(Random random) {
        return "k" + random.nextInt(50);
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " \n\t".substring(random.nextInt(3)) : "";
    }
}
