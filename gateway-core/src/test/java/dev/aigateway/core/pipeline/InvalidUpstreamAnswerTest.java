package dev.aigateway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.OpenAiFakes;
import dev.aigateway.core.testing.TestGateway;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An upstream that answers 2xx with something that is not an answer (an error body, {@code {}})
 * has failed: the caller gets 502 {@code invalid_upstream_response}, never a 200 holding an error,
 * and a fallback moves on. Translated providers are checked after their transform, relayed ones
 * (OpenAI) on the raw bytes.
 */
class InvalidUpstreamAnswerTest {
    private static final String ERROR_BODY =
            "{\"error\":{\"message\":\"Resource has been exhausted\",\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}";
    private static final String CHAT =
            "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private final MockWebServer first = new MockWebServer();
    private final MockWebServer second = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        first.start();
        second.start();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String leaf(String provider, MockWebServer server) {
        String host = server.url(provider.equals("google") || provider.equals("anthropic") ? "" : "/v1")
                .toString();
        return "{\"provider\":\"" + provider + "\",\"api_key\":\"k\",\"custom_host\":\"" + host + "\"}";
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }

    @ParameterizedTest(name = "{0} answering 200 {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "google|ERROR",
                "google|{}",
                "anthropic|ERROR",
                "anthropic|{}",
                "groq|ERROR",
                "groq|{}",
                "openai|ERROR",
                "openai|{}",
                "openai|{\"choices\":{}}",
            })
    void aFallbackMovesOnPastA200ThatIsNoAnswer(String provider, String body) throws Exception {
        first.enqueue(ok(body.equals("ERROR") ? ERROR_BODY : body));
        second.enqueue(OpenAiFakes.ok("from-second"));
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + leaf(provider, first) + ","
                + leaf("openai", second) + "]}";

        GatewayResponse response = test.chat(config, CHAT);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(
                "from-second",
                TestGateway.json(response).at("/choices/0/message/content").asText());
        assertEquals(1, first.getRequestCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"google", "anthropic", "groq", "openai"})
    void withoutFallbackTheCallerGetsA502InvalidUpstreamResponse(String provider) throws Exception {
        first.enqueue(ok(ERROR_BODY));
        first.enqueue(ok("{}"));

        GatewayResponse error = test.chat(leaf(provider, first), CHAT);
        GatewayResponse empty = test.chat(leaf(provider, first), CHAT);

        assertEquals(502, error.status());
        JsonNode body = TestGateway.json(error);
        assertEquals("invalid_upstream_response", body.at("/error/type").asText());
        assertEquals(provider, body.path("provider").asText());
        assertEquals(
                "Invalid response received from " + provider
                        + ": the answer has no `choices` array; it holds an error: Resource has been exhausted",
                body.at("/error/message").asText());
        assertEquals(502, empty.status());
        assertEquals(
                "Invalid response received from " + provider + ": the answer has no `choices` array",
                TestGateway.json(empty).at("/error/message").asText());
    }

    @Test
    void embeddingsNeedData() throws Exception {
        String embedding = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.1,0.2]}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
        first.enqueue(ok("{\"object\":\"list\",\"model\":\"m\"}"));
        first.enqueue(ok(embedding));

        GatewayResponse missing = embed(leaf("openai", first));
        GatewayResponse relayed = embed(leaf("openai", first));

        assertEquals(502, missing.status());
        assertEquals(
                "Invalid response received from openai: the answer has no `data` array",
                TestGateway.json(missing).at("/error/message").asText());
        assertEquals(200, relayed.status());
        assertArrayEquals(embedding.getBytes(StandardCharsets.UTF_8), ((GatewayResponse.Complete) relayed).body());
    }

    @Test
    void aRelayed200ThatIsNotJsonIsA502Too() throws Exception {
        first.enqueue(ok("<html>upstream proxy says hello</html>"));

        GatewayResponse response = test.chat(leaf("openai", first), CHAT);

        assertEquals(502, response.status());
        assertEquals(
                "Invalid response received from openai: the body is not JSON",
                TestGateway.json(response).at("/error/message").asText());
    }

    private GatewayResponse embed(String config) {
        return test.gateway.handle(GatewayRequest.builder(Endpoint.EMBED)
                .config(config)
                .body(Json.object().put("model", "m").put("input", "hi"))
                .build());
    }
}
