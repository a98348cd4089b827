package dev.aigateway.core.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.vertex.auth.GoogleAuth;
import dev.aigateway.core.provider.vertex.auth.TestServiceAccounts;
import dev.aigateway.core.testing.TestGateway;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** vertex-ai through the gateway: its settings checked before any call, and credential failures routed. */
class VertexGatewayTest {
    private static final String CHAT =
            "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String GEMINI_ANSWER =
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello!\"}]},"
                    + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":1,"
                    + "\"totalTokenCount\":2},\"modelVersion\":\"gemini-2.5-flash\"}";

    private final MockWebServer vertex = new MockWebServer();
    private final MockWebServer tokens = new MockWebServer();
    private TestGateway test;

    @BeforeEach
    void start() throws IOException {
        vertex.start();
        tokens.start();
        GoogleAuth auth = GoogleAuth.builder()
                .tokenUrl(tokens.url("/token").toString())
                .metadataUrl(tokens.url("").toString().replaceAll("/$", ""))
                .environment(Map.of())
                .trustedHosts(CustomHostValidator.create(List.of()))
                .build();
        test = TestGateway.with(
                builder -> builder.providers(Providers.defaults().with(new VertexProvider(auth))));
    }

    @AfterEach
    void stop() {
        test.close();
        vertex.close();
        tokens.close();
    }

    private String host() {
        return vertex.url("").toString();
    }

    private String target(String extra) {
        return "{\"provider\":\"vertex-ai\",\"custom_host\":\"" + host() + "\",\"vertex_region\":\"us-central1\","
                + extra + "}";
    }

    @Test
    void anAccessTokenAndProjectReachVertexInPathAndHeader() throws Exception {
        vertex.enqueue(json(200, GEMINI_ANSWER));
        GatewayResponse response = test.chat(target("\"api_key\":\"ya29.t\",\"vertex_project_id\":\"proj-1\""), CHAT);

        assertEquals(200, response.status());
        assertEquals("vertex-ai", TestGateway.json(response).path("provider").asText());
        RecordedRequest sent = vertex.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(
                "/v1/projects/proj-1/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
                sent.getTarget());
        assertEquals("Bearer ya29.t", sent.getHeaders().get("authorization"));
    }

    @Test
    void headerModeTakesTheProjectRegionAndBearerToken() throws Exception {
        vertex.enqueue(json(200, GEMINI_ANSWER));
        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "vertex-ai")
                .header("authorization", "Bearer ya29.header")
                .header("x-portkey-custom-host", host())
                .header("x-portkey-vertex-project-id", "proj-h")
                .header("x-portkey-vertex-region", "europe-west4")
                .body(CHAT)
                .build());

        assertEquals(200, response.status());
        RecordedRequest sent = vertex.takeRequest(1, TimeUnit.SECONDS);
        assertTrue(sent.getTarget().startsWith("/v1/projects/proj-h/locations/europe-west4/"), sent.getTarget());
        assertEquals("Bearer ya29.header", sent.getHeaders().get("authorization"));
    }

    @Test
    void aMissingOrMalformedRegionOrProjectIsA400BeforeAnyCall() throws Exception {
        String noRegion = "{\"provider\":\"vertex-ai\",\"custom_host\":\"" + host()
                + "\",\"api_key\":\"t\",\"vertex_project_id\":\"p\"}";
        assertFailure(test.chat(noRegion, CHAT), 400, "vertex_region");
        assertFailure(
                test.chat(
                        target("\"api_key\":\"t\",\"vertex_project_id\":\"p\"").replace("us-central1", "evil.com/x#"),
                        CHAT),
                400,
                "Invalid vertex_region");
        assertFailure(test.chat(target("\"api_key\":\"t\""), CHAT), 400, "vertex_project_id");
        assertFailure(
                test.chat(target("\"api_key\":\"t\",\"vertex_project_id\":\"a/../b\""), CHAT),
                400,
                "Invalid vertex_project_id");
        assertEquals(0, vertex.getRequestCount());
    }

    @Test
    void aRefusedServiceAccountLetsTheFallbackMoveOn() throws Exception {
        tokens.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
        vertex.enqueue(json(200, GEMINI_ANSWER));
        String key = Json.text(keyFile());
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + target("\"vertex_project_id\":\"p\",\"vertex_service_account_json\":" + key) + ","
                + target("\"api_key\":\"ya29.second\",\"vertex_project_id\":\"p\"") + "]}";

        GatewayResponse response = test.chat(config, CHAT);

        assertEquals(200, response.status());
        assertEquals("config.targets[1]", response.headers().value("x-portkey-last-used-option-index"));
        assertEquals(
                "Bearer ya29.second",
                vertex.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("authorization"));
        assertEquals(1, vertex.getRequestCount(), "the refused target never reached Vertex");
    }

    @Test
    void aRefusedServiceAccountAloneIsA401NamingTheReason() throws Exception {
        tokens.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
        GatewayResponse response = test.chat(
                target("\"vertex_project_id\":\"p\",\"vertex_service_account_json\":" + Json.text(keyFile())), CHAT);

        assertFailure(response, 401, "invalid_grant: Invalid JWT Signature.");
        assertFalse(TestGateway.text(response).contains("PRIVATE KEY"));
        assertEquals(0, vertex.getRequestCount());
    }

    @Test
    void theGatewaysOwnCredentialsAreNotSentToAnUntrustedCustomHost() throws Exception {
        String untrusted = "{\"provider\":\"vertex-ai\",\"custom_host\":\"https://collector.example.com\","
                + "\"vertex_region\":\"us-central1\",\"vertex_project_id\":\"p\"}";
        assertFailure(test.chat(untrusted, CHAT), 400, "not sent to the custom host collector.example.com");
        assertEquals(0, tokens.getRequestCount());
    }

    @Test
    void embeddingsForAnAnthropicModelLetTheFallbackMoveOn() throws Exception {
        vertex.enqueue(json(
                200, "{\"predictions\":[{\"embeddings\":{\"statistics\":{\"token_count\":1},\"values\":[0.5]}}]}"));
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + target(
                        "\"api_key\":\"t\",\"vertex_project_id\":\"p\",\"override_params\":{\"model\":\"claude-sonnet-4\"}")
                + "," + target("\"api_key\":\"t\",\"vertex_project_id\":\"p\"") + "]}";

        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.EMBED)
                .config(config)
                .body("{\"model\":\"text-embedding-005\",\"input\":\"hi\"}")
                .build());

        assertEquals(200, response.status());
        JsonNode body = TestGateway.json(response);
        assertEquals(0.5, body.path("data").get(0).path("embedding").get(0).asDouble());
        assertEquals(1, body.path("usage").path("prompt_tokens").asInt());
        assertTrue(vertex.takeRequest(1, TimeUnit.SECONDS).getTarget().endsWith("/text-embedding-005:predict"));
    }

    @Test
    void theProxyGoesBelowTheTargetsProjectAndRegionWithItsToken() throws Exception {
        vertex.enqueue(json(200, "{\"totalTokens\":3}"));
        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.PROXY)
                .config(target("\"api_key\":\"ya29.t\",\"vertex_project_id\":\"proj-1\""))
                .method("POST")
                .path("/v1/publishers/google/models/gemini-2.5-flash:countTokens")
                .query("alt=json")
                .header("authorization", "Bearer caller-placeholder")
                .body("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}")
                .build());

        assertEquals(200, response.status(), () -> TestGateway.text(response));
        assertEquals("{\"totalTokens\":3}", TestGateway.text(response));
        RecordedRequest sent = vertex.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", sent.getMethod());
        assertEquals(
                "/v1/projects/proj-1/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens?alt=json",
                sent.getTarget());
        assertEquals("Bearer ya29.t", sent.getHeaders().get("authorization"));
        assertEquals(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}",
                sent.getBody().utf8());
    }

    @Test
    void theProxyCannotLeaveTheTargetsProject() throws Exception {
        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.PROXY)
                .config(target("\"api_key\":\"ya29.t\",\"vertex_project_id\":\"proj-1\""))
                .method("GET")
                .path("/v1/../../projects/other/locations/us-central1/endpoints")
                .build());

        assertFailure(response, 400, "dot segments");
        assertEquals(0, vertex.getRequestCount());
    }

    @Test
    void theModelListIsNotServedAndAFallbackMovesOn() throws Exception {
        vertex.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}"));
        String config = "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[429]},\"targets\":["
                + target("\"api_key\":\"ya29.t\",\"vertex_project_id\":\"p\"")
                + ",{\"provider\":\"openai\",\"api_key\":\"sk-1\",\"custom_host\":\"" + vertex.url("/v1") + "\"}]}";

        GatewayResponse alone = test.gateway.handle(GatewayRequest.builder(Endpoint.LIST_MODELS)
                .config(target("\"api_key\":\"ya29.t\",\"vertex_project_id\":\"p\""))
                .build());
        GatewayResponse fallback = test.gateway.handle(
                GatewayRequest.builder(Endpoint.LIST_MODELS).config(config).build());

        assertFailure(alone, 400, "not supported by vertex-ai");
        assertEquals(200, fallback.status(), () -> TestGateway.text(fallback));
        assertEquals("config.targets[1]", fallback.headers().value("x-portkey-last-used-option-index"));
        assertEquals("/v1/models", vertex.takeRequest(1, TimeUnit.SECONDS).getTarget());
        assertEquals(1, vertex.getRequestCount());
    }

    private static void assertFailure(GatewayResponse response, int status, String messagePart) throws IOException {
        assertEquals(status, response.status(), () -> TestGateway.text(response));
        String message = TestGateway.json(response).path("message").asText();
        assertTrue(message.contains(messagePart), message);
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
    }

    private static JsonNode keyFile() {
        return TestServiceAccounts.keyFile();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("content-type", "application/json")
                .body(body)
                .build();
    }
}
