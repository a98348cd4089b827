package dev.aigateway.core.config;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.testing.TestGateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The x-portkey-* request headers, alone and together with a config. */
class HeaderModeTest {
    private final MockWebServer server = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        server.start();
        for (int i = 0; i < 3; i++) {
            server.enqueue(ok("x"));
        }
    }

    @AfterEach
    void stop() {
        test.close();
        server.close();
    }

    private GatewayRequest.Builder request() {
        return GatewayRequest.builder(Endpoint.CHAT_COMPLETE).body(CHAT_BODY);
    }

    private RecordedRequest sent() throws InterruptedException {
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    @Test
    void providerHeaderAndBearerKey() throws Exception {
        GatewayResponse response = test.gateway.handle(request()
                .header("x-portkey-provider", "openai")
                .header("authorization", "Bearer sk-from-client")
                .header("x-portkey-custom-host", server.url("/v1").toString())
                .header("x-portkey-openai-organization", "org-7")
                .build());

        assertEquals(200, response.status());
        assertEquals("config", response.headers().value("x-portkey-last-used-option-index"));
        RecordedRequest sent = sent();
        assertEquals("Bearer sk-from-client", sent.getHeaders().get("authorization"));
        assertEquals("org-7", sent.getHeaders().get("openai-organization"));
    }

    @Test
    void openAiOrganizationProjectAndBetaHeaders() throws Exception {
        String host = server.url("/v1").toString();

        test.gateway.handle(request()
                .header("x-portkey-provider", "openai")
                .header("x-portkey-custom-host", host)
                .header("x-portkey-openai-project", "proj-1")
                .header("x-portkey-openai-beta", "assistants=v2")
                .header("openai-beta", "ignored: the prefixed header wins")
                .build());
        test.gateway.handle(request()
                .header("x-portkey-provider", "openai")
                .header("x-portkey-custom-host", host)
                .header("openai-beta", "realtime=v1")
                .build());
        test.gateway.handle(request()
                .config("{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + host
                        + "\",\"openai_organization\":\"org-9\",\"openaiProject\":\"proj-9\",\"openai_beta\":\"b-9\"}")
                .build());

        RecordedRequest prefixed = sent();
        assertEquals("proj-1", prefixed.getHeaders().get("openai-project"));
        assertEquals("assistants=v2", prefixed.getHeaders().get("openai-beta"));
        assertEquals("realtime=v1", sent().getHeaders().get("openai-beta"), "the unprefixed SDK spelling");
        RecordedRequest fromConfig = sent();
        assertEquals("org-9", fromConfig.getHeaders().get("openai-organization"));
        assertEquals("proj-9", fromConfig.getHeaders().get("openai-project"));
        assertEquals("b-9", fromConfig.getHeaders().get("openai-beta"));
    }

    @Test
    void aConfigWithoutProviderTakesItFromTheHeaders() throws Exception {
        GatewayResponse response = test.gateway.handle(request()
                .header("x-portkey-provider", "openai")
                .header("authorization", "Bearer sk-header")
                .config("{\"retry\":{\"attempts\":1},\"custom_host\":\"" + server.url("/v1") + "\"}")
                .build());

        assertEquals(200, response.status());
        assertEquals("Bearer sk-header", sent().getHeaders().get("authorization"));
    }

    @Test
    void headerValuesBeatConfigValues() throws Exception {
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"http://localhost:1/v1\","
                + "\"forward_headers\":[\"x-from-config\"]}";

        GatewayResponse response = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-custom-host", server.url("/v1").toString())
                .header("x-portkey-forward-headers", "X-Team, x-user")
                .header("x-team", "payments")
                .header("x-user", "u-1")
                .header("x-from-config", "nope")
                .build());

        assertEquals(200, response.status());
        RecordedRequest sent = sent();
        assertEquals("payments", sent.getHeaders().get("x-team"));
        assertEquals("u-1", sent.getHeaders().get("x-user"));
        assertNull(sent.getHeaders().get("x-from-config"));
        assertNull(sent.getHeaders().get("x-portkey-forward-headers"), "x-portkey-* headers stay at the gateway");
    }

    @Test
    void traceIdsAreEchoedOrGenerated() {
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}";

        GatewayResponse given = test.gateway.handle(
                request().config(config).header("x-portkey-trace-id", "trace-1").build());
        GatewayResponse generated = test.gateway.handle(request().config(config).build());

        assertEquals("trace-1", given.headers().value("x-portkey-trace-id"));
        assertTrue(generated.headers().value("x-portkey-trace-id").matches("[0-9a-f-]{36}"));
    }

    @Test
    void generatedTraceIdsAreVersion4Uuids() {
        String first = RequestSettings.newTraceId();
        java.util.UUID parsed = java.util.UUID.fromString(first);
        assertEquals(4, parsed.version());
        assertEquals(2, parsed.variant());
        assertTrue(!first.equals(RequestSettings.newTraceId()));
    }

    @Test
    void overrideParamsMergeDownTheTree() throws Exception {
        String config =
                "{\"strategy\":{\"mode\":\"single\"},\"override_params\":{\"temperature\":0.1,\"model\":\"parent\"},"
                        + "\"targets\":[{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\""
                        + server.url("/v1")
                        + "\",\"override_params\":{\"model\":\"child\"}}]}";

        test.gateway.handle(request().config(config).build());

        var body = Json.parse(sent().getBody().utf8());
        assertEquals("child", body.path("model").asText());
        assertEquals(0.1, body.path("temperature").asDouble());
    }

    @Test
    void timeoutHeaderBeatsTheConfig() {
        server.close();
        MockWebServer slow = new MockWebServer();
        try {
            slow.start();
            slow.enqueue(new MockResponse.Builder()
                    .headersDelay(5, TimeUnit.SECONDS)
                    .body("{}")
                    .build());
            String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"request_timeout\":60000,\"custom_host\":\""
                    + slow.url("/v1") + "\"}";

            GatewayResponse response = test.gateway.handle(request()
                    .config(config)
                    .header("x-portkey-request-timeout", "150")
                    .build());

            assertEquals(408, response.status());
            assertTrue(TestGateway.text(response).contains("150ms"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            slow.close();
        }
    }

    @Test
    void invalidMetadataIsIgnoredAndBadHeadersAre400() {
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}";

        GatewayResponse badMetadata = test.gateway.handle(
                request().config(config).header("x-portkey-metadata", "{oops").build());
        GatewayResponse badHost = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-custom-host", "file:///etc")
                .build());
        GatewayResponse badProvider = test.gateway.handle(
                request().header("x-portkey-provider", "nope").build());

        assertEquals(200, badMetadata.status());
        assertEquals(400, badHost.status());
        assertEquals(
                "{\"status\":\"failure\",\"message\":\"Invalid custom host: only http and https URLs are allowed\"}",
                TestGateway.text(badHost));
        assertEquals(400, badProvider.status());
    }

    @Test
    void forwardHeadersListingItselfIsA400AndDefaultGuardrailsRunOrAre400sWhenInvalid() throws Exception {
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + server.url("/v1") + "\"}";

        GatewayResponse selfForwarding = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-forward-headers", "x-team, X-Portkey-Forward-Headers")
                .build());
        GatewayResponse guardrails = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-default-input-guardrails", "[{\"default.contains\":{\"words\":[\"x\"]}}]")
                .build());
        GatewayResponse noGuardrails = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-default-output-guardrails", "[]")
                .build());
        GatewayResponse badGuardrails = test.gateway.handle(request()
                .config(config)
                .header("x-portkey-default-input-guardrails", "{\"default.contains\":{}}")
                .build());

        assertEquals(400, selfForwarding.status());
        assertEquals(
                "forward_headers must not contain the 'x-portkey-forward-headers' header",
                TestGateway.json(selfForwarding).path("message").asText());
        assertEquals(246, guardrails.status(), "the text lacks 'x': the default guardrail fails without denying");
        assertEquals(
                "input_guardrail_",
                TestGateway.json(guardrails)
                        .path("hook_results")
                        .path("before_request_hooks")
                        .path(0)
                        .path("id")
                        .asText()
                        .substring(0, 16));
        assertEquals(200, noGuardrails.status(), "an empty list asks for nothing");
        assertEquals(400, badGuardrails.status());
        assertEquals(
                "x-portkey-default-input-guardrails must be a JSON array of guardrails",
                TestGateway.json(badGuardrails).path("message").asText());
        assertEquals(2, server.getRequestCount());
    }
}
