package dev.aigateway.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

/**
 * The embeddings contract every provider that serves {@code embed} passes, through the real
 * {@link dev.aigateway.core.Gateway} against a fake upstream on a real socket: the path and body it
 * sends, and the vectors the caller gets, both as floats and as OpenAI's base64 (little-endian
 * float32), which openai-java asks for unless told otherwise. Each such provider brings
 * {@code contract/<slug>/embed.json} beside its chat fixture ({@link ProviderFixture} gives the leaf
 * and auth headers):
 *
 * <ul>
 *   <li>{@code path}: what the upstream is asked at; {@code sent}: the body it receives for the
 *       float request ({@code sentBase64} for the base64 one, when it differs);
 *   <li>{@code response}: the provider's answer ({@code responseBase64} for the base64 request,
 *       when the provider encodes itself); {@code vectors}: what the caller must decode;
 *       {@code usage} (a subset); {@code provider}: the answer's provider field, null for relays;
 *   <li>{@code model} (optional): the model asked for instead of {@code test-embed}, for a provider
 *       that picks the upstream API by model (Bedrock's Cohere and Titan models).
 * </ul>
 */
class EmbeddingsContractTest {
    static final String FLOAT_REQUEST =
            "{\"model\":\"test-embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"float\"}";
    static final String BASE64_REQUEST =
            "{\"model\":\"test-embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}";

    private final TestGateway test = new TestGateway();

    @AfterEach
    void noUpstreamLeftOpen() {
        test.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void everyProviderServingEmbeddingsHasAnEmbeddingsFixture() {
        List<String> missing = Providers.defaults().all().stream()
                .filter(provider -> provider.transform(Endpoint.EMBED).isPresent())
                .map(Provider::id)
                .filter(id -> !Files.isRegularFile(embedFixture(id)))
                .toList();

        assertTrue(missing.isEmpty(), "providers serving embed without contract/<slug>/embed.json: " + missing);
    }

    @TestFactory
    Stream<DynamicContainer> everyEmbeddingsProvider() {
        return Providers.defaults().all().stream()
                .filter(provider -> provider.transform(Endpoint.EMBED).isPresent())
                .map(Provider::id)
                .filter(id -> Files.isRegularFile(embedFixture(id)))
                .map(id -> DynamicContainer.dynamicContainer(
                        id,
                        Stream.of(
                                DynamicTest.dynamicTest("floats", () -> run(id, false)),
                                DynamicTest.dynamicTest("base64", () -> run(id, true)))));
    }

    private void run(String id, boolean base64) throws Exception {
        ProviderFixture chat = ProviderFixture.load(id);
        JsonNode fixture = Json.parse(Files.readString(embedFixture(id), StandardCharsets.UTF_8));
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            JsonNode upstreamAnswer =
                    base64 && fixture.has("responseBase64") ? fixture.get("responseBase64") : fixture.get("response");
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .addHeader("content-type", "application/json")
                    .body(Json.text(upstreamAnswer))
                    .build());
            String base = server.url("/").toString();
            String leaf = chat.leaf(base.substring(0, base.length() - 1) + chat.hostPath());

            GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.EMBED)
                    .config(leaf)
                    .body((base64 ? BASE64_REQUEST : FLOAT_REQUEST)
                            .replace("test-embed", fixture.path("model").asText("test-embed")))
                    .build());

            RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
            assertNotNull(sent, "the upstream was not called");
            assertEquals(fixture.path("path").asText(), sent.getTarget(), "path");
            chat.sent()
                    .path("headers")
                    .properties()
                    .forEach(e -> assertEquals(
                            e.getValue().isNull() ? null : e.getValue().asText(),
                            sent.getHeaders().get(e.getKey()),
                            "header " + e.getKey()));
            JsonNode expectedBody =
                    base64 && fixture.has("sentBase64") ? fixture.get("sentBase64") : fixture.get("sent");
            assertEquals(expectedBody, Json.parse(sent.getBody().utf8()), "body sent");
            assertEquals(200, response.status(), () -> TestGateway.text(response));
            JsonNode answer = TestGateway.json(response);
            assertEquals("list", answer.path("object").asText());
            assertEquals(fixture.get("vectors"), vectors(answer, base64), "vectors");
            fixture.path("usage")
                    .properties()
                    .forEach(e -> assertEquals(
                            e.getValue().asLong(),
                            answer.path("usage").path(e.getKey()).asLong(-1),
                            "usage." + e.getKey()));
            if (fixture.path("provider").isNull()) {
                assertFalse(answer.has("provider"), "relayed answers carry no provider field");
            } else {
                assertEquals(
                        fixture.path("provider").asText(),
                        answer.path("provider").asText());
            }
        }
    }

    /** The answer's vectors as JSON arrays of numbers, decoding base64 as openai-java does. */
    private static JsonNode vectors(JsonNode answer, boolean base64) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            JsonNode embedding = item.path("embedding");
            if (base64) {
                assertTrue(embedding.isTextual(), () -> "expected a base64 string, got " + embedding);
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                var floats = Json.array();
                while (bytes.hasRemaining()) {
                    floats.add((double) bytes.getFloat());
                }
                out.add(floats);
            } else {
                assertTrue(embedding.isArray(), () -> "expected floats, got " + embedding);
                var floats = Json.array();
                embedding.forEach(value -> floats.add(value.asDouble()));
                out.add(floats);
            }
        }
        var all = Json.array();
        out.forEach(all::add);
        return all;
    }

    private static Path embedFixture(String id) {
        return ProviderFixture.ROOT.resolve(id).resolve("embed.json");
    }
}
