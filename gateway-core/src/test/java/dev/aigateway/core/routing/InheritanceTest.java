package dev.aigateway.core.routing;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a leaf inherits from its ancestors, seen on the wire. */
class InheritanceTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    private GatewayResponse send(String config, String... headers) {
        GatewayRequest.Builder request =
                GatewayRequest.builder(Endpoint.CHAT_COMPLETE).config(config).body(CHAT_BODY);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return test.gateway.handle(request.build());
    }

    @Test
    void hostAndForwardedHeadersAreInheritedButKeysAndProviderFieldsAreNot() throws Exception {
        server.enqueue(ok("x"));
        String config = "{\"strategy\":{\"mode\":\"single\"},\"custom_host\":\"" + server.url("/v1")
                + "\",\"forward_headers\":[\"x-team\"],\"provider\":\"openai\",\"api_key\":\"parent-key\","
                + "\"openai_organization\":\"org-parent\",\"targets\":[{\"provider\":\"openai\"}]}";

        GatewayResponse response = send(config, "x-team", "payments");

        assertEquals(200, response.status());
        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", sent.getTarget());
        assertEquals("payments", sent.getHeaders().get("x-team"));
        assertNull(sent.getHeaders().get("authorization"), "api_key is not inherited");
        assertNull(sent.getHeaders().get("openai-organization"), "provider fields are not inherited");
    }

    @Test
    void theRequestTimeoutIsInherited() {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(5, TimeUnit.SECONDS)
                .body("{}")
                .build());
        String config = "{\"strategy\":{\"mode\":\"single\"},\"request_timeout\":200,\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}]}";

        GatewayResponse response = send(config);

        assertEquals(408, response.status());
        assertEquals("config.targets[0]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals("openai", response.headers().value("x-portkey-provider"));
        assertEquals("0", response.headers().value("x-portkey-retry-attempt-count"));
    }

    @Test
    void strictModeComesFromTheHeaderOrIsInheritedFromTheConfig() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(geminiAnswer());
        }
        String leaf = "{\"provider\":\"google\",\"api_key\":\"g\",\"custom_host\":\"" + server.url("") + "\"";
        String strictByDefault = "{\"strategy\":{\"mode\":\"single\"},\"targets\":[" + leaf + "}]}";
        String parentNotStrict =
                "{\"strategy\":{\"mode\":\"single\"},\"strict_open_ai_compliance\":false,\"targets\":[" + leaf + "}]}";
        String childStrictAgain = "{\"strategy\":{\"mode\":\"single\"},\"strict_open_ai_compliance\":false,"
                + "\"targets\":[" + leaf + ",\"strict_open_ai_compliance\":true}]}";

        assertEquals("stop", finishReason(send(strictByDefault)));
        assertEquals("STOP", finishReason(send(parentNotStrict)), "Gemini's own finish reason passes through");
        assertEquals("stop", finishReason(send(childStrictAgain)));
        assertEquals("STOP", finishReason(send(strictByDefault, "x-portkey-strict-open-ai-compliance", "false")));
    }

    private static String finishReason(GatewayResponse response) throws Exception {
        assertEquals(200, response.status());
        return TestGateway.json(response).at("/choices/0/finish_reason").asText();
    }

    private static MockResponse geminiAnswer() {
        return new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1,"
                        + "\"candidatesTokenCount\":1,\"totalTokenCount\":2},\"modelVersion\":\"gemini-2.5-flash\"}")
                .build();
    }
}
