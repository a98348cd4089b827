package dev.aigateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the 28 recorded Node SDK 3.1.0 cases ({@code createHeaders-vectors.json}) through {@link
 * Portkey#createHeaders(Map)}. Header names and order must match exactly; values that Node
 * JSON-encoded are compared as JSON trees. Where we differ on purpose, {@link #DEVIATIONS} rewrites
 * Node's output into ours, one vector at a time, so each difference is visible here.
 */
class NodeVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String METADATA_NON_ASCII =
            "metadata with non-ASCII and quotes (JSON.stringify keeps UTF-8 chars unescaped, escapes quotes)";
    private static final String FORWARD_HEADERS =
            "forwardHeaders: list joined with ',' (original spelling) into x-portkey-forward-headers;"
                    + " keys whose kebab form is listed are emitted un-prefixed";
    private static final String FORWARD_KNOWN_OPTION =
            "forwardHeaders can un-prefix a known option (openaiProject -> openai-project)";
    private static final String NUMBER =
            "numbers: non-zero number is emitted as a number value (NOT a string); 0 becomes the empty string";
    private static final String ZERO = "number zero becomes empty string (v || '')";

    /** Vector name → Node's output turned into ours. Every entry is a documented difference. */
    private static final Map<String, UnaryOperator<ObjectNode>> DEVIATIONS = Map.of(
            // Difference 3: same JSON tree, but the text escapes é and ✓ (checked in its own test below).
            METADATA_NON_ASCII, UnaryOperator.identity(),
            // Difference 6: forward-header names are lower-case kebab, so the gateway can match them.
            FORWARD_HEADERS, out -> out.put("x-portkey-forward-headers", "my-custom-header,x-trace-parent"),
            FORWARD_KNOWN_OPTION, out -> out.put("x-portkey-forward-headers", "openai-project"),
            // Difference 1: values are strings; Node keeps the JS number 5000.
            NUMBER, out -> out.put("x-portkey-request-timeout", "5000"),
            // Difference 2: 0 is dropped; Node sends "".
            ZERO,
                    out -> {
                        out.remove("x-portkey-request-timeout");
                        return out;
                    });

    @TestFactory
    Stream<DynamicTest> everyNodeVector() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> check(vector)));
        }
        return tests.stream();
    }

    @Test
    void everyDeviationNamesARecordedVector() throws IOException {
        Set<String> names = new HashSet<>();
        vectors().forEach(vector -> names.add(vector.get("name").asText()));
        assertEquals(28, names.size());
        assertTrue(names.containsAll(DEVIATIONS.keySet()), "a deviation names a vector that is not in the file");
    }

    @Test
    void numbersAreStringsWhereNodeKeepsANumber() throws IOException {
        JsonNode node = vector(NUMBER).get("output").get("x-portkey-request-timeout");
        assertTrue(node.isNumber(), "Node kept a number");
        Map<String, String> ours = Portkey.createHeaders(input(vector(NUMBER)));
        assertEquals(node.asText(), ours.get("x-portkey-request-timeout"));
    }

    @Test
    void zeroIsDroppedWhereNodeSendsEmptyText() throws IOException {
        assertEquals(
                "", vector(ZERO).get("output").get("x-portkey-request-timeout").asText());
        assertFalse(Portkey.createHeaders(input(vector(ZERO))).containsKey("x-portkey-request-timeout"));
    }

    @Test
    void nonAsciiMetadataIsEscapedWhereNodeKeepsItRaw() throws IOException {
        JsonNode vector = vector(METADATA_NON_ASCII);
        String node = vector.get("output").get("x-portkey-metadata").asText();
        String ours = Portkey.createHeaders(input(vector)).get("x-portkey-metadata");

        assertTrue(node.contains("héllo") && node.contains("✓"), "Node sends the characters raw");
        assertEquals("{\"note\":\"h\\u00E9llo \\\"quoted\\\" \\u2713\",\"n\":1.5,\"nested\":{\"ok\":true}}", ours);
        assertEquals(JSON.readTree(node), JSON.readTree(ours), "same meaning once parsed");
    }

    @Test
    void forwardHeadersAreSentAsHeaderNamesWhereNodeKeepsTheSpelling() throws IOException {
        JsonNode vector = vector(FORWARD_HEADERS);
        Map<String, String> ours = Portkey.createHeaders(input(vector));

        assertEquals(
                "myCustomHeader,x-trace-parent",
                vector.get("output").get("x-portkey-forward-headers").asText());
        assertEquals("my-custom-header,x-trace-parent", ours.get("x-portkey-forward-headers"));
        assertEquals("abc", ours.get("my-custom-header"), "the un-prefixed header is the name now listed");
    }

    private static void check(JsonNode vector) throws IOException {
        String name = vector.get("name").asText();
        Map<String, Object> input = input(vector);
        ObjectNode expected = (ObjectNode) vector.get("output").deepCopy();
        DEVIATIONS.getOrDefault(name, UnaryOperator.identity()).apply(expected);

        Map<String, String> actual = Portkey.createHeaders(input);

        assertEquals(names(expected), new ArrayList<>(actual.keySet()), "header names and order");
        for (String header : actual.keySet()) {
            String value = actual.get(header);
            assertTrue(value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), header + " is printable ASCII");
            assertValue(header, expected.get(header), value, jsonEncoded(input, header));
        }
    }

    private static void assertValue(String header, JsonNode expected, String actual, boolean json) throws IOException {
        if (json) {
            assertEquals(JSON.readTree(expected.asText()), JSON.readTree(actual), header + " as a JSON tree");
        } else {
            assertTrue(expected.isTextual(), header + ": Node's value is text (else list it in DEVIATIONS)");
            assertEquals(expected.textValue(), actual, header);
        }
    }

    /** True when the option behind {@code header} was an object or array that got JSON-encoded. */
    private static boolean jsonEncoded(Map<String, Object> input, String header) {
        return input.entrySet().stream()
                .filter(e -> !e.getKey().equals("forwardHeaders"))
                .filter(e -> header.equals(HeaderEncoder.PREFIX + HeaderEncoder.kebab(e.getKey())))
                .anyMatch(e -> e.getValue() instanceof Map || e.getValue() instanceof List);
    }

    private static List<String> names(JsonNode output) {
        List<String> names = new ArrayList<>();
        output.properties().forEach(field -> names.add(field.getKey()));
        return names;
    }

    /** The vector's input as plain Java values (LinkedHashMap, ArrayList, Integer, ...), order kept. */
    private static Map<String, Object> input(JsonNode vector) {
        return JSON.convertValue(vector.get("input"), new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private static JsonNode vector(String name) throws IOException {
        for (JsonNode vector : vectors()) {
            if (vector.get("name").asText().equals(name)) {
                return vector;
            }
        }
        throw new AssertionError("no vector named " + name);
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = NodeVectorsTest.class.getResourceAsStream("/createHeaders-vectors.json")) {
            return JSON.readTree(in);
        }
    }
}
