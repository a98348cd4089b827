package dev.aigateway.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.InMemoryUpstream;
import dev.aigateway.core.testing.TestGateway;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Conditional routing against hostile patterns and values: {@code $regex} in linear time, bounded
 * work per request, refused patterns, a caller who hangs up, and comparisons on huge values.
 */
class RegexSafetyTest {
    private static final String CATASTROPHIC = "^(.*a){8}$";

    private final InMemoryUpstream upstream = InMemoryUpstream.answering();
    private final Gateway gateway = Gateway.builder().upstream(upstream).build();

    private static String config(String field, String regex) {
        return "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":{\"" + field
                + "\":{\"$regex\":" + Json.text(Json.object().textNode(regex)) + "}},\"then\":\"pro\"}],"
                + "\"default\":\"free\"},\"targets\":["
                + "{\"name\":\"pro\",\"provider\":\"openai\",\"api_key\":\"p\"},"
                + "{\"name\":\"free\",\"provider\":\"openai\",\"api_key\":\"f\"}]}";
    }

    private GatewayResponse send(String config, String metadata, String body, Cancellation cancellation) {
        return gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .header("x-portkey-metadata", metadata)
                .body(body)
                .cancellation(cancellation)
                .build());
    }

    private GatewayResponse withMetadata(String regex, String value) {
        String metadata = Json.text(Json.object().put("v", value));
        return send(config("metadata.v", regex), metadata, "{\"model\":\"m\"}", Cancellation.none());
    }

    private static String index(GatewayResponse response) {
        return response.headers().value("x-portkey-last-used-option-index");
    }

    private static String message(GatewayResponse response) throws Exception {
        return TestGateway.json(response).path("message").asText();
    }

    @Test
    void theCatastrophicPatternOnFiftyCharactersTakesNoTime() {
        long start = System.nanoTime();
        GatewayResponse response = withMetadata(CATASTROPHIC, "a".repeat(49) + "b");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", index(response)); // no match: the default
        assertTrue(took.toMillis() < 1000, "took " + took); // a backtracking engine took 7 s
    }

    @Test
    void theCatastrophicPatternOnTwentyThousandCharactersIsLinear() {
        long start = System.nanoTime();
        GatewayResponse noMatch = withMetadata(CATASTROPHIC, "a".repeat(19_999) + "b");
        GatewayResponse match = withMetadata(CATASTROPHIC, "a".repeat(20_000));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("config.targets[1]", index(noMatch));
        assertEquals("config.targets[0]", index(match));
        // A backtracking engine would not finish in a lifetime; the bound leaves room for a loaded machine.
        assertTrue(took.toMillis() < 5000, "took " + took);
    }

    @Test
    void aCallerWhoHungUpGetsNoRegexWorkAndNoUpstreamCall() {
        Cancellation cancelled = Cancellation.none();
        cancelled.cancel();

        GatewayResponse response =
                send(config("metadata.v", CATASTROPHIC), "{\"v\":\"aaab\"}", "{\"model\":\"m\"}", cancelled);

        assertEquals(499, response.status());
        assertEquals(0, upstream.calls());
    }

    @Test
    void lookaroundAndBackreferencesAreRefusedWhenTheConfigIsParsed() throws Exception {
        GatewayResponse lookahead = withMetadata("^(?=pro)", "pro");
        GatewayResponse backreference = withMetadata("(a)\\1", "aa");

        assertEquals(400, lookahead.status());
        assertEquals(
                "Invalid config passed: strategy.conditions[0].query.metadata.v.$regex: invalid or unsupported"
                        + " Perl syntax: `(?=`; patterns run on RE2, which matches in linear time and has no lookahead,"
                        + " lookbehind or backreferences",
                message(lookahead));
        assertEquals(400, backreference.status());
        assertTrue(message(backreference)
                .startsWith("Invalid config passed: strategy.conditions[0].query.metadata.v.$regex:"
                        + " invalid escape sequence: `\\1`"));
        assertEquals(0, upstream.calls());
    }

    @Test
    void aPatternHoldsAThousandCharactersAndNoMore() throws Exception {
        String thousand = "x".repeat(1000);
        assertEquals("config.targets[0]", index(withMetadata(thousand, thousand)));

        GatewayResponse tooLong = withMetadata(thousand + "x", "x");

        assertEquals(400, tooLong.status());
        assertEquals(
                "Invalid config passed: strategy.conditions[0].query.metadata.v.$regex: the pattern is 1001"
                        + " characters long; the limit is 1000",
                message(tooLong));
    }

    @Test
    void repetitionsThatExpandTooFarAreRefusedWithoutCompilingThem() throws Exception {
        long start = System.nanoTime();
        GatewayResponse nested = withMetadata("((a{1000}){1000}){1000}", "a"); // gigabytes if compiled
        GatewayResponse counted = withMetadata("(ab{100}){100}", "a");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(400, nested.status());
        assertTrue(message(nested).endsWith("once its repetitions are counted; the limit is 5000"), message(nested));
        assertEquals(400, counted.status());
        assertTrue(message(counted).contains("the pattern compiles to "), message(counted));
        assertTrue(took.toMillis() < 1000, "took " + took);
        assertEquals("config.targets[0]", index(withMetadata("^a{1000}$", "a".repeat(1000))));
    }

    @Test
    void theRegexWorkOfOneRequestIsBounded() throws Exception {
        String huge = "x".repeat(5_000_000);
        GatewayResponse text = send(
                config("params.prompt", "y"),
                "{}",
                "{\"model\":\"m\",\"prompt\":\"" + huge + "\"}",
                Cancellation.none());
        GatewayResponse array = send(
                config("params.messages", "y"),
                "{}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + huge + "\"}]}",
                Cancellation.none());

        assertEquals(400, text.status());
        assertTrue(
                message(text)
                        .startsWith("Conditional routing: $regex on 'params.prompt' would read 5000000 characters"),
                message(text));
        assertEquals(400, array.status());
        assertTrue(message(array).startsWith("Conditional routing: $regex on 'params.messages' would read more than"));
        assertEquals(0, upstream.calls());
        // a value within the budget is matched, as text or as JSON text
        GatewayResponse small = send(
                config("params.messages", "\"role\":\"user\""),
                "{}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Cancellation.none());
        assertEquals("config.targets[0]", index(small));
    }

    @Test
    void javaScriptPatternsMeanWhatTheyMeantInJavaScript() {
        // \\uHHHH is JavaScript's escape; RE2 spells it \\x{HHHH}
        assertEquals("config.targets[0]", index(withMetadata("^caf\\u00e9$", "café")));
        // without the m flag, $ is the very end in JavaScript (Java's $ also matched before a final \\n)
        assertEquals("config.targets[1]", index(withMetadata("^pro$", "pro\n")));
        assertEquals("config.targets[0]", index(withMetadata("^\\d{3}-[a-z]+\\b", "123-abc def")));
    }

    @Test
    void comparisonsOnHugeValuesReadOnlyTheirStart() throws Exception {
        String config = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":"
                + "{\"params.n\":{\"$gt\":1}},\"then\":\"pro\"}],\"default\":\"free\"},\"targets\":["
                + "{\"name\":\"pro\",\"provider\":\"openai\"},{\"name\":\"free\",\"provider\":\"openai\"}]}";
        long start = System.nanoTime();
        GatewayResponse huge =
                send(config, "{}", "{\"model\":\"m\",\"n\":\" 2" + "0".repeat(5_000_000) + "\"}", Cancellation.none());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("config.targets[0]", index(huge)); // as parseFloat: 2e5000000 is Infinity, > 1
        assertTrue(took.toMillis() < 1000, "took " + took);
    }
}
