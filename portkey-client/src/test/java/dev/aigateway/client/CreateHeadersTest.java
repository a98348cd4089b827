package dev.aigateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules of {@link Portkey#createHeaders(Map)} beyond the recorded Node vectors. */
class CreateHeadersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void gatewayUrls() {
        assertEquals("http://localhost:8787/v1", Portkey.LOCAL_GATEWAY_URL);
        assertEquals("https://api.portkey.ai/v1", Portkey.PORTKEY_GATEWAY_URL);
    }

    @Test
    void resultIsOrderedAndImmutable() {
        Map<String, String> headers =
                Portkey.createHeaders(options("provider", "openai", "traceId", "t", "debug", true));

        assertEquals(
                List.of("x-portkey-provider", "x-portkey-trace-id", "x-portkey-debug"), List.copyOf(headers.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> headers.put("x", "y"));
    }

    @Test
    void typedConfigBecomesItsJsonAndStringsPassUnchanged() {
        PortkeyConfig config = PortkeyConfig.builder().retry(Retry.attempts(2)).build();
        Target target = Target.builder().provider("openai").apiKey("k").build();
        String handWritten = "{ \"retry\": { \"attempts\": 2 } }";

        assertEquals(
                "{\"retry\":{\"attempts\":2}}",
                Portkey.createHeaders(options("config", config)).get("x-portkey-config"));
        assertEquals(
                target.toJson(),
                Portkey.createHeaders(options("config", target)).get("x-portkey-config"));
        assertEquals(
                handWritten,
                Portkey.createHeaders(options("config", handWritten)).get("x-portkey-config"));
        assertEquals(
                "pc-abc-123",
                Portkey.createHeaders(options("config", "pc-abc-123")).get("x-portkey-config"));
        assertFalse(
                Portkey.createHeaders(options("config", PortkeyConfig.builder().build()))
                        .containsKey("x-portkey-config"),
                "an empty config is an empty object, dropped like {}");
    }

    @Test
    void configsInsidePlainMapsAreSerialisedToo() throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("strategy", Strategy.fallback());
        config.put(
                "targets",
                List.of(Target.builder().provider("openai").apiKey("k").build()));

        String header = Portkey.createHeaders(options("config", config)).get("x-portkey-config");

        assertEquals(
                JSON.readTree(
                        "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\",\"api_key\":\"k\"}]}"),
                JSON.readTree(header));
    }

    @Test
    void nonAsciiPlainValuesAreRejectedNamingTheHeaderButNotTheValue() {
        IllegalArgumentException traceId = assertThrows(
                IllegalArgumentException.class, () -> Portkey.createHeaders(options("traceId", "café-42")));
        IllegalArgumentException newline = assertThrows(
                IllegalArgumentException.class,
                () -> Portkey.createHeaders(options("provider", "openai\r\nx-evil: 1")));
        IllegalArgumentException auth = assertThrows(
                IllegalArgumentException.class, () -> Portkey.createHeaders(options("Authorization", "Bearer ключ")));

        assertTrue(traceId.getMessage().startsWith("Header x-portkey-trace-id:"), traceId.getMessage());
        assertTrue(traceId.getMessage().contains("U+00E9"), traceId.getMessage());
        assertFalse(traceId.getMessage().contains("café"), "the value may be a secret");
        assertTrue(newline.getMessage().contains("x-portkey-provider"), newline.getMessage());
        assertTrue(auth.getMessage().startsWith("Header authorization:"), auth.getMessage());
        assertEquals(
                "a\tb", Portkey.createHeaders(options("traceId", "a\tb")).get("x-portkey-trace-id"), "tab is legal");
    }

    @Test
    void keysThatCannotBeHeaderNamesAreRejected() {
        IllegalArgumentException space =
                assertThrows(IllegalArgumentException.class, () -> Portkey.createHeaders(options("trace id", "t")));
        IllegalArgumentException accent =
                assertThrows(IllegalArgumentException.class, () -> Portkey.createHeaders(options("créé", "t")));

        assertTrue(space.getMessage().startsWith("Option trace id gives the header name x-portkey-trace id"));
        assertTrue(accent.getMessage().contains("créé"), accent.getMessage());
        assertThrows(NullPointerException.class, () -> Portkey.createHeaders((Map<String, ?>) null));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertThrows(NullPointerException.class, () -> Portkey.createHeaders(nullKey));
    }

    @Test
    void numbersBecomeDecimalTextAndZeroIsDropped() {
        Map<String, String> headers = Portkey.createHeaders(options(
                "a",
                5000,
                "b",
                5000L,
                "c",
                5000.0,
                "d",
                1.5,
                "e",
                1e-7,
                "f",
                new BigDecimal("1.50"),
                "g",
                new BigInteger("123456789012345678901234567890"),
                "h",
                1e21,
                "i",
                new AtomicInteger(7),
                "j",
                -3,
                "k",
                2.5f,
                "l",
                Double.POSITIVE_INFINITY));

        assertEquals(
                List.of(
                        "5000",
                        "5000",
                        "5000",
                        "1.5",
                        "0.0000001",
                        "1.5",
                        "123456789012345678901234567890",
                        "1000000000000000000000",
                        "7",
                        "-3",
                        "2.5",
                        "Infinity"),
                List.copyOf(headers.values()));
        assertTrue(Portkey.createHeaders(options("a", 0, "b", 0.0, "c", -0.0, "d", Double.NaN, "e", BigDecimal.ZERO))
                .isEmpty());
    }

    @Test
    void emptyValuesAreDroppedLikeNode() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("a", null);
        options.put("b", "");
        options.put("c", " \t\n");
        options.put("d", "\u00a0\ufeff"); // JavaScript's trim() removes these too
        options.put("e", List.of());
        options.put("f", new String[0]);
        options.put("g", Map.of());
        options.put("h", new Object()); // no properties: {} (Node drops a Date the same way)
        options.put("i", NullNode.getInstance());
        options.put("j", JsonNodeFactory.instance.objectNode());
        options.put("k", Set.of());

        assertEquals(Map.of(), Portkey.createHeaders(options));
        assertEquals(" x ", Portkey.createHeaders(options("a", " x ")).get("x-portkey-a"), "not trimmed");
    }

    @Test
    void otherValueShapes() {
        Map<String, String> headers = Portkey.createHeaders(options(
                "list",
                Arrays.asList("a", null, 1),
                "array",
                new String[] {"x", "y"},
                "ints",
                new int[] {1, 2},
                "text",
                TextNode.valueOf("plain"),
                "tree",
                JsonNodeFactory.instance.objectNode().put("k", "v"),
                "unit",
                TimeUnit.SECONDS,
                "bool",
                Boolean.FALSE,
                "letter",
                'x'));

        assertEquals("[\"a\",null,1]", headers.get("x-portkey-list"));
        assertEquals("[\"x\",\"y\"]", headers.get("x-portkey-array"));
        assertEquals("[1,2]", headers.get("x-portkey-ints"));
        assertEquals("plain", headers.get("x-portkey-text"), "a JSON string is text, not quoted JSON");
        assertEquals("{\"k\":\"v\"}", headers.get("x-portkey-tree"));
        assertEquals("SECONDS", headers.get("x-portkey-unit"));
        assertEquals("false", headers.get("x-portkey-bool"));
        assertEquals("x", headers.get("x-portkey-letter"));
    }

    @Test
    void unserialisableValuesNameTheOption() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Portkey.createHeaders(options("when", java.time.Instant.EPOCH)));

        assertEquals("Option when cannot be turned into a header value", e.getMessage());
    }

    @Test
    void forwardHeadersAreHeaderNamesAndUnprefixTheOptionsTheyName() {
        Map<String, String> headers = Portkey.createHeaders(options(
                "forwardHeaders", new String[] {"traceID", "X-Trace-Parent", "Authorization", "my_header"},
                "traceID", "t-1",
                "provider", "openai"));

        assertEquals(
                Map.of(
                        "x-portkey-forward-headers",
                        "trace-id,x-trace-parent,authorization,my_header",
                        "trace-id",
                        "t-1",
                        "x-portkey-provider",
                        "openai"),
                headers);
        assertFalse(Portkey.createHeaders(options("forwardHeaders", List.of(), "provider", "p"))
                .containsKey("x-portkey-forward-headers"));
    }

    @Test
    void forwardHeadersMustBeAListOfStrings() {
        IllegalArgumentException text = assertThrows(
                IllegalArgumentException.class, () -> Portkey.createHeaders(options("forwardHeaders", "a,b")));
        IllegalArgumentException number = assertThrows(
                IllegalArgumentException.class,
                () -> Portkey.createHeaders(options("forwardHeaders", List.of("a", 1))));

        assertEquals("forwardHeaders must be a list of header names", text.getMessage());
        assertTrue(number.getMessage().startsWith("forwardHeaders entries must be strings"));
    }

    @Test
    void laterKeysWinButKeepTheFirstPosition() {
        Map<String, String> headers = Portkey.createHeaders(options(
                "traceID",
                "first",
                "provider",
                "openai",
                "traceId",
                "second",
                "Authorization",
                "a",
                "authorization",
                "b"));

        assertEquals(
                List.of("x-portkey-trace-id", "x-portkey-provider", "authorization"), List.copyOf(headers.keySet()));
        assertEquals("second", headers.get("x-portkey-trace-id"));
        assertEquals("b", headers.get("authorization"));
    }

    @Test
    void multimapForOpenAiJavaPutAllHeaders() {
        Map<String, String> headers = Portkey.createHeaders(options("provider", "openai", "traceId", "t"));

        Map<String, List<String>> multimap = Portkey.asMultimap(headers);

        assertEquals(List.of("x-portkey-provider", "x-portkey-trace-id"), new ArrayList<>(multimap.keySet()));
        assertEquals(List.of("openai"), multimap.get("x-portkey-provider"));
        assertThrows(UnsupportedOperationException.class, () -> multimap.put("x", List.of()));
    }

    /** An ordered option map from alternating keys and values. */
    static Map<String, Object> options(Object... keysAndValues) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return options;
    }
}
