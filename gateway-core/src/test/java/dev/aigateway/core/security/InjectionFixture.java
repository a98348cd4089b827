package dev.aigateway.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import mockwebserver3.MockWebServer;

/** What the injection tests share: the values they smuggle, configs, and the refusal they expect. */
final class InjectionFixture {
    /** A header value that, sent raw, ends the header line and starts another one. */
    static final String INJECTED = "ok-x\r\nX-Injected: yes";

    static final String CHAT_BODY = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private InjectionFixture() {}

    /** The base URL a provider's path is appended to, so that calls land where the real API has them. */
    static String customHost(MockWebServer server, String provider) {
        return switch (provider) {
            case "google" -> server.url("/").toString();
            case "azure-openai" -> server.url("/openai").toString();
            default -> server.url("/v1").toString();
        };
    }

    /**
     * Bounds every call, so that a request the upstream cannot parse (which an injection produces)
     * fails the test instead of hanging it.
     */
    static final long TIMEOUT_MILLIS = 10_000;

    /** A leaf for {@code provider} on {@code server} with the provider fields it needs to make a call. */
    static ObjectNode leaf(MockWebServer server, String provider) {
        ObjectNode leaf = Json.object()
                .put("provider", provider)
                .put("custom_host", customHost(server, provider))
                .put("request_timeout", TIMEOUT_MILLIS);
        if (provider.equals("azure-openai")) {
            leaf.put("resource_name", "my-resource")
                    .put("deployment_id", "gpt-4o-prod")
                    .put("api_version", "2024-10-21");
        }
        return leaf;
    }

    /** {@code leaf} as the first target of a fallback, so that errors name {@code targets[0].<key>}. */
    static String fallback(ObjectNode leaf) {
        ObjectNode config = Json.object();
        config.putObject("strategy").put("mode", "fallback");
        config.putArray("targets").add(leaf);
        return Json.text(config);
    }

    /**
     * A 400 from the gateway whose message names {@code field}, does not echo the value, and no
     * request reached the upstream.
     */
    static void assertRefused(GatewayResponse response, String field, MockWebServer upstream) throws IOException {
        String body = TestGateway.text(response);
        assertEquals(400, response.status(), body);
        String message = TestGateway.json(response).path("message").asText();
        assertTrue(message.contains(field), () -> "the message names " + field + ": " + message);
        assertFalse(message.contains("X-Injected"), () -> "the message must not echo the value: " + message);
        assertEquals(0, upstream.getRequestCount(), "nothing reached the upstream");
    }
}
