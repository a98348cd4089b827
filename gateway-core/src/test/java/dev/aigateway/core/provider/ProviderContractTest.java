package dev.aigateway.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.SseEvent;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every registered provider passes, through the real {@link dev.aigateway.core.Gateway}
 * against a fake upstream on a real socket (reached through {@code custom_host}): the URL path and
 * auth it sends, the body, {@code finish_reason} and usage in the answer, the OpenAI error envelope
 * with the upstream status, and a stream that ends with {@code data: [DONE]}, in every routing mode.
 * Data-driven: each provider brings a {@link ProviderFixture}, and a provider without one fails
 * {@link #everyRegisteredProviderHasAFixture()}.
 */
class ProviderContractTest {
    /** What every provider is asked, in OpenAI's format. */
    static final String REQUEST =
            "{\"model\":\"test-model\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_completion_tokens\":50}";

    static final String STREAM_REQUEST = REQUEST.substring(0, REQUEST.length() - 1) + ",\"stream\":true}";

    private final TestGateway test = new TestGateway();

    @AfterEach
    void noUpstreamLeftOpen() {
        test.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void everyRegisteredProviderHasAFixture() {
        List<String> missing = Providers.defaults().all().stream()
                .map(Provider::id)
                .filter(id -> !ProviderFixture.exists(id))
                .toList();

        assertTrue(
                missing.isEmpty(),
                "providers without a contract fixture under " + ProviderFixture.ROOT + ": " + missing);
    }

    @Test
    void everyFixtureIsForARegisteredProvider() throws IOException {
        try (Stream<Path> dirs = Files.list(ProviderFixture.ROOT)) {
            List<String> stale = dirs.map(dir -> dir.getFileName().toString())
                    .filter(id -> Providers.defaults().find(id).isEmpty())
                    .toList();
            assertTrue(stale.isEmpty(), "fixtures for providers that are not registered: " + stale);
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyProvider() {
        return Providers.defaults().all().stream()
                .map(Provider::id)
                .filter(ProviderFixture::exists)
                .map(id -> DynamicContainer.dynamicContainer(
                        id,
                        Stream.of(
                                test(id, "answers", this::answers),
                                test(id, "streams", this::streams),
                                test(id, "errors", this::errors),
                                test(id, "routing modes", this::routingModes))));
    }

    private DynamicTest test(String id, String name, FixtureCheck check) {
        Executable run = () -> {
            ProviderFixture fixture = ProviderFixture.load(id);
            try (MockWebServer server = new MockWebServer()) {
                server.start();
                check.run(fixture, server);
            }
        };
        return DynamicTest.dynamicTest(name, run);
    }

    @FunctionalInterface
    private interface FixtureCheck {
        void run(ProviderFixture fixture, MockWebServer server) throws Exception;
    }

    private void answers(ProviderFixture fixture, MockWebServer server) throws Exception {
        server.enqueue(json(200, fixture.response()));

        GatewayResponse response = test.chat(fixture.leaf(host(server, fixture)), REQUEST);

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertSent(fixture, sent, fixture.sent().path("path").asText());
        assertEquals(
                Json.parse(Json.text(fixture.sent().path("body"))),
                Json.parse(sent.getBody().utf8()),
                "body sent");
        assertEquals(200, response.status(), () -> TestGateway.text(response));
        assertEquals(fixture.provider(), response.headers().value("x-portkey-provider"));
        JsonNode answer = TestGateway.json(response);
        JsonNode expected = fixture.answer();
        assertEquals(
                expected.path("content").asText(),
                answer.at("/choices/0/message/content").asText());
        assertEquals(
                expected.path("finish_reason").asText(),
                answer.at("/choices/0/finish_reason").asText());
        expected.path("usage")
                .properties()
                .forEach(e -> assertEquals(
                        e.getValue().asLong(),
                        answer.path("usage").path(e.getKey()).asLong(-1),
                        "usage." + e.getKey()));
        assertProviderField(expected.path("provider"), answer);
    }

    private void streams(ProviderFixture fixture, MockWebServer server) throws Exception {
        server.enqueue(stream(fixture));

        GatewayResponse response = test.chat(fixture.leaf(host(server, fixture)), STREAM_REQUEST);

        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertSent(fixture, sent, fixture.streamPath());
        if (!fixture.sent().has("streamPath")) { // a provider with its own stream URL has no stream flag
            assertTrue(Json.parse(sent.getBody().utf8()).path("stream").asBoolean(), "stream:true sent");
        }
        assertEquals(200, response.status());
        assertStream(fixture, events(response));
    }

    private void errors(ProviderFixture fixture, MockWebServer server) throws Exception {
        server.enqueue(json(fixture.errorStatus(), fixture.errorBody()));

        GatewayResponse response = test.chat(fixture.leaf(host(server, fixture)), REQUEST);

        assertEquals(fixture.errorStatus(), response.status(), "the upstream status is kept");
        JsonNode body = TestGateway.json(response);
        JsonNode error = body.path("error");
        for (String field : List.of("message", "type", "param", "code")) {
            assertTrue(error.has(field), () -> "error." + field + " missing in " + body);
        }
        assertEquals(fixture.provider(), body.path("provider").asText());
        fixture.expectedError()
                .properties()
                .forEach(e -> assertEquals(e.getValue(), error.path(e.getKey()), "error." + e.getKey()));
    }

    /** The same provider inside each strategy, complete and streaming. */
    private void routingModes(ProviderFixture fixture, MockWebServer server) throws Exception {
        String leaf = fixture.leaf(host(server, fixture));
        String named = leaf.substring(0, leaf.length() - 1) + ",\"name\":\"only\"}";
        List<Map.Entry<String, String>> configs = List.of(
                Map.entry("single", "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + leaf + "]}"),
                Map.entry("loadbalance", "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[" + leaf + "]}"),
                Map.entry(
                        "conditional",
                        "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":{\"metadata.x\":{\"$eq\":\"y\"}},"
                                + "\"then\":\"only\"}],\"default\":\"only\"},\"targets\":[" + named + "]}"));
        for (Map.Entry<String, String> mode : configs) {
            server.enqueue(json(200, fixture.response()));
            GatewayResponse complete = test.chat(mode.getValue(), REQUEST);
            assertEquals(200, complete.status(), mode.getKey());
            assertEquals("config.targets[0]", complete.headers().value("x-portkey-last-used-option-index"));
            complete.discard();
            server.enqueue(stream(fixture));
            assertStream(fixture, events(test.chat(mode.getValue(), STREAM_REQUEST)));
        }
        // fallback: the provider's own error moves on to a second target of the same provider.
        String fallback = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + leaf + "," + leaf + "]}";
        server.enqueue(json(fixture.errorStatus(), fixture.errorBody()));
        server.enqueue(json(200, fixture.response()));
        GatewayResponse fellBack = test.chat(fallback, REQUEST);
        assertEquals(200, fellBack.status());
        assertEquals("config.targets[1]", fellBack.headers().value("x-portkey-last-used-option-index"));
        server.enqueue(json(fixture.errorStatus(), fixture.errorBody()));
        server.enqueue(stream(fixture));
        GatewayResponse streamed = test.chat(fallback, STREAM_REQUEST);
        assertEquals("config.targets[1]", streamed.headers().value("x-portkey-last-used-option-index"));
        assertStream(fixture, events(streamed));
    }

    private static void assertSent(ProviderFixture fixture, RecordedRequest sent, String path) {
        assertNotNull(sent, "the upstream was not called");
        assertEquals(path, sent.getTarget(), "path");
        fixture.sent()
                .path("headers")
                .properties()
                .forEach(e -> assertEquals(
                        e.getValue().isNull() ? null : e.getValue().asText(),
                        sent.getHeaders().get(e.getKey()),
                        "header " + e.getKey()));
    }

    private static void assertStream(ProviderFixture fixture, List<SseEvent> events) throws IOException {
        assertFalse(events.isEmpty(), "no events");
        assertEquals("[DONE]", events.get(events.size() - 1).data(), () -> "last event of " + events);
        StringBuilder content = new StringBuilder();
        String finishReason = null;
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.parse(event.data());
            assertFalse(chunk.has("error"), () -> "error event: " + event.data());
            if (!chunk.path("choices").isEmpty()) {
                // Azure's leading prompt_filter_results chunk has no choices and no object; relayed as is.
                assertEquals("chat.completion.chunk", chunk.path("object").asText(), event.data());
            }
            assertProviderField(fixture.answer().path("provider"), chunk);
            for (JsonNode choice : chunk.path("choices")) {
                content.append(choice.path("delta").path("content").asText(""));
                if (choice.hasNonNull("finish_reason")) {
                    finishReason = choice.get("finish_reason").asText();
                }
            }
        }
        assertEquals(fixture.stream().path("content").asText(), content.toString(), "streamed content");
        assertEquals(fixture.stream().path("finish_reason").asText(), finishReason, "streamed finish_reason");
    }

    private static void assertProviderField(JsonNode expected, JsonNode answer) {
        if (expected.isNull()) {
            assertFalse(answer.has("provider"), () -> "relayed answers carry no provider field: " + answer);
        } else {
            assertEquals(expected.asText(), answer.path("provider").asText(), "provider field");
        }
    }

    private static List<SseEvent> events(GatewayResponse response) throws IOException {
        GatewayResponse.Streaming streaming = assertInstanceOf(
                GatewayResponse.Streaming.class,
                response,
                () -> "expected a stream, got " + response.status() + " " + TestGateway.text(response));
        List<SseEvent> events = new ArrayList<>();
        streaming.events().writeTo((name, data) -> events.add(new SseEvent(name, data)));
        return events;
    }

    private static String host(MockWebServer server, ProviderFixture fixture) {
        String base = server.url("/").toString();
        return base.substring(0, base.length() - 1) + fixture.hostPath();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    /** The provider's stream in small chunks, so events arrive split across reads. */
    private static MockResponse stream(ProviderFixture fixture) {
        try {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", fixture.streamContentType())
                    .chunkedBody(fixture.streamBytes(), 64)
                    .build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
