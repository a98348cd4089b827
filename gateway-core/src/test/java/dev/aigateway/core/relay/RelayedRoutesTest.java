package dev.aigateway.core.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.event.CallResult;
import dev.aigateway.core.event.EventListener;
import dev.aigateway.core.http.RawBody;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes beyond chat in gateway-core, against a fake upstream: model lists in OpenAI's shape
 * from Anthropic and Gemini, Azure's resource paths, bytes passed through and heard by listeners,
 * raw bodies resent on retry, and fallback past providers that do not serve the route.
 */
class RelayedRoutesTest {
    private final MockWebServer upstream = new MockWebServer();
    private final List<CallResult> ends = new ArrayList<>();
    private final TestGateway test = TestGateway.with(builder -> builder.addEventListener(new EventListener() {
        @Override
        public void callEnd(CallInfo call, CallResult result) {
            ends.add(result);
        }
    }));

    @BeforeEach
    void start() throws Exception {
        upstream.start();
    }

    @AfterEach
    void stop() {
        test.close();
        upstream.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String target(String provider, String path, String extra) {
        return "{\"provider\":\"" + provider + "\",\"api_key\":\"key\",\"custom_host\":\"" + upstream.url(path) + "\""
                + extra + "}";
    }

    private RecordedRequest take() throws InterruptedException {
        return upstream.takeRequest(5, TimeUnit.SECONDS);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    @Test
    void anthropicsModelListComesInOpenAisShape() throws Exception {
        upstream.enqueue(json(
                200,
                "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":\"Claude Sonnet 4.5\","
                        + "\"created_at\":\"2025-09-29T00:00:00Z\"}],\"has_more\":false}"));
        upstream.enqueue(
                json(200, "{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"created_at\":\"2025-09-29T00:00:00Z\"}"));

        JsonNode list = TestGateway.json(test.gateway.handle(GatewayRequest.builder(Endpoint.LIST_MODELS)
                .config(target("anthropic", "/v1", ""))
                .query("limit=5")
                .build()));
        JsonNode model = TestGateway.json(test.gateway.handle(GatewayRequest.builder(Endpoint.RETRIEVE_MODEL)
                .path("/v1/models/claude-sonnet-4-5")
                .pathParam("model", "claude-sonnet-4-5")
                .config(target("anthropic", "/v1", ""))
                .build()));

        assertEquals(
                Json.parse("{\"object\":\"list\",\"data\":[{\"id\":\"claude-sonnet-4-5\",\"object\":\"model\","
                        + "\"created\":1759104000,\"owned_by\":\"anthropic\"}]}"),
                list);
        assertEquals("claude-sonnet-4-5", model.path("id").asText());
        RecordedRequest sent = take();
        assertEquals("GET", sent.getMethod());
        assertEquals("/v1/models?limit=5", sent.getTarget());
        assertEquals("key", sent.getHeaders().get("x-api-key"));
        assertEquals("/v1/models/claude-sonnet-4-5", take().getTarget());
    }

    @Test
    void geminisModelListComesInOpenAisShape() throws Exception {
        upstream.enqueue(json(
                200,
                "{\"models\":[{\"name\":\"models/gemini-2.0-flash\",\"displayName\":\"Gemini 2.0 Flash\"},"
                        + "{\"name\":\"models/text-embedding-004\"}],\"nextPageToken\":\"t\"}"));

        JsonNode list = TestGateway.json(test.gateway.handle(GatewayRequest.builder(Endpoint.LIST_MODELS)
                .config(target("google", "", ""))
                .build()));

        assertEquals("gemini-2.0-flash", list.path("data").get(0).path("id").asText());
        assertEquals("google", list.path("data").get(1).path("owned_by").asText());
        RecordedRequest sent = take();
        assertEquals("/v1beta/models", sent.getTarget());
        assertEquals("key", sent.getHeaders().get("x-goog-api-key"));
    }

    @Test
    void azureServesFilesOnTheResourceAndImagesOnTheDeployment() throws Exception {
        upstream.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
        upstream.enqueue(json(200, "{\"created\":1,\"data\":[]}"));
        upstream.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
        String azure = ",\"resource_name\":\"res\",\"deployment_id\":\"dall-e\",\"api_version\":\"2024-10-21\"";

        test.gateway.handle(GatewayRequest.builder(Endpoint.LIST_FILES)
                .config(target("azure-openai", "/openai", azure))
                .query("purpose=batch")
                .build());
        test.gateway.handle(GatewayRequest.builder(Endpoint.IMAGE_GENERATE)
                .config(target("azure-openai", "/openai", azure))
                .body("{\"prompt\":\"a boat\"}")
                .build());
        test.gateway.handle(GatewayRequest.builder(Endpoint.LIST_FILES)
                .config(target("azure-openai", "/openai", ",\"api_version\":\"v1\""))
                .build());

        RecordedRequest files = take();
        assertEquals("/openai/files?purpose=batch&api-version=2024-10-21", files.getTarget());
        assertEquals("key", files.getHeaders().get("api-key"));
        assertEquals("/openai/deployments/dall-e/images/generations?api-version=2024-10-21", take().getTarget());
        assertEquals("/openai/v1/files", take().getTarget());
    }

    @Test
    void bytesPassThroughAndTheListenerHearsTheirEnd() throws Exception {
        byte[] audio = new byte[100_000];
        new java.util.Random(1).nextBytes(audio);
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "audio/mpeg")
                .addHeader("content-length", Integer.toString(audio.length))
                .body(new Buffer().write(audio))
                .build());
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .body(new Buffer().write(audio))
                .build());

        GatewayResponse.Binary speech = assertInstanceOf(GatewayResponse.Binary.class, speech());
        assertTrue(ends.isEmpty(), "the call has not ended before its bytes are written");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        speech.body().writeTo(out);
        GatewayResponse.Binary discarded = assertInstanceOf(GatewayResponse.Binary.class, speech());
        discarded.discard();

        assertArrayEquals(audio, out.toByteArray());
        assertEquals("audio/mpeg", speech.headers().value("content-type"));
        assertEquals(null, speech.headers().value("content-length"));
        assertEquals("config", speech.headers().value("x-portkey-last-used-option-index"));
        assertEquals("application/octet-stream", discarded.headers().value("content-type"));
        assertEquals(2, ends.size());
        assertTrue(ends.get(0).streamed() && ends.get(0).complete());
        assertTrue(ends.get(1).streamed() && !ends.get(1).complete());
    }

    private GatewayResponse speech() {
        return test.gateway.handle(GatewayRequest.builder(Endpoint.CREATE_SPEECH)
                .config(target("openai", "/v1", ""))
                .body("{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}")
                .build());
    }

    @Test
    void aRawBodyIsResentOnRetryAsItCame() throws Exception {
        byte[] form =
                "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF....\r\n--x--\r\n"
                        .getBytes(StandardCharsets.UTF_8);
        upstream.enqueue(json(500, "{\"error\":{\"message\":\"try again\"}}"));
        upstream.enqueue(json(200, "{\"text\":\"hello\"}"));

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.CREATE_TRANSCRIPTION)
                .config(target("openai", "/v1", ",\"retry\":{\"attempts\":1}"))
                .body(RawBody.of(form, "multipart/form-data; boundary=x"))
                .build());

        assertEquals("{\"text\":\"hello\"}", TestGateway.text(answer));
        assertEquals("1", answer.headers().value("x-portkey-retry-attempt-count"));
        for (int i = 0; i < 2; i++) {
            RecordedRequest sent = take();
            assertEquals("/v1/audio/transcriptions", sent.getTarget());
            assertEquals("multipart/form-data; boundary=x", sent.getHeaders().get("content-type"));
            assertArrayEquals(form, sent.getBody().toByteArray());
        }
        assertEquals(List.of(java.time.Duration.ofSeconds(1)), test.sleeper.delays());
    }

    @Test
    void fallbackPassesOverAProviderThatDoesNotServeTheRouteWhateverItsStatusCodes() throws Exception {
        upstream.enqueue(json(200, "{\"id\":\"modr-1\",\"results\":[]}"));
        String config = "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[429]},\"targets\":["
                + target("google", "", "") + "," + target("anthropic", "/v1", "") + "," + target("openai", "/v1", "")
                + "]}";

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.MODERATE)
                .config(config)
                .body("{\"input\":\"hi\"}")
                .build());

        assertEquals(200, answer.status(), TestGateway.text(answer));
        assertEquals("config.targets[2]", answer.headers().value("x-portkey-last-used-option-index"));
        assertEquals(1, upstream.getRequestCount());
    }

    @Test
    void whenNoTargetServesTheRouteTheLastRefusalIsTheAnswer() {
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target("google", "", "") + ","
                + target("anthropic", "/v1", "") + "]}";

        GatewayResponse answer = test.gateway.handle(GatewayRequest.builder(Endpoint.MODERATE)
                .config(config)
                .body("{\"input\":\"hi\"}")
                .build());

        assertEquals(400, answer.status());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"moderate is not supported by anthropic\"}",
                TestGateway.text(answer));
        assertEquals("true", answer.headers().value("x-portkey-gateway-exception"));
        assertEquals(0, upstream.getRequestCount());
    }
}
