package dev.aigateway.core.provider.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the golden and contract cases cannot show: requests refused before any call (with the
 * gateway's 400), and Cohere's own status for an invalid key answered as a 401 through the real
 * gateway, where retry and fallback see it.
 */
class CohereProviderTest {
    private final MockWebServer cohere = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        cohere.start();
    }

    @AfterEach
    void stop() {
        test.close();
        cohere.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private String config() {
        String host = cohere.url("/").toString();
        return "{\"provider\":\"cohere\",\"api_key\":\"co-key\",\"custom_host\":\""
                + host.substring(0, host.length() - 1) + "\"}";
    }

    private GatewayResponse embed(String body) {
        return test.gateway.handle(GatewayRequest.builder(Endpoint.EMBED)
                .config(config())
                .body(body)
                .build());
    }

    @Test
    void moreThanOneChoiceIsRefusedBeforeAnyCall() throws Exception {
        GatewayResponse response = test.chat(
                config(),
                "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"n\":2}");

        assertRefused(response, "n must be 1");
    }

    @Test
    void tokenArraysAreRefusedBeforeAnyCall() throws Exception {
        assertRefused(embed("{\"model\":\"embed-v4.0\",\"input\":[[1,2,3]]}"), "not tokens");
    }

    @Test
    void anEncodingOtherThanFloatOrBase64IsRefused() throws Exception {
        assertRefused(
                embed("{\"model\":\"embed-v4.0\",\"input\":\"x\",\"encoding_format\":\"int8\"}"),
                "encoding_format must be");
    }

    @Test
    void aStreamedEmbeddingsRequestIsRefused() throws Exception {
        assertRefused(embed("{\"model\":\"embed-v4.0\",\"input\":\"x\",\"stream\":true}"), "cannot be streamed");
    }

    @Test
    void cohereInvalidTokenStatusIsAnsweredAs401AndFallbackMovesOn() throws Exception {
        cohere.enqueue(new MockResponse.Builder()
                .code(498)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"x\",\"message\":\"invalid api token\"}")
                .build());
        GatewayResponse single = test.chat(
                config(), "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(401, single.status());
        JsonNode body = TestGateway.json(single);
        assertEquals(
                "cohere error: invalid api token", body.at("/error/message").asText());
        assertEquals("cohere", body.path("provider").asText());

        cohere.enqueue(new MockResponse.Builder()
                .code(498)
                .body("{\"message\":\"invalid api token\"}")
                .build());
        cohere.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"id\":\"ok\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
                                + "\"usage\":{\"tokens\":{\"input_tokens\":1,\"output_tokens\":1}}}")
                .build());
        String fallback = "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[401]},\"targets\":[" + config()
                + "," + config() + "]}";
        GatewayResponse fellBack = test.chat(
                fallback, "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, fellBack.status(), () -> TestGateway.text(fellBack));
        assertEquals("config.targets[1]", fellBack.headers().value("x-portkey-last-used-option-index"));
    }

    private void assertRefused(GatewayResponse response, String messagePart) throws Exception {
        assertEquals(400, response.status(), () -> TestGateway.text(response));
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        String message = TestGateway.json(response).path("message").asText();
        assertTrue(message.contains(messagePart), message);
        assertEquals(0, cohere.getRequestCount(), "no upstream call");
    }
}
