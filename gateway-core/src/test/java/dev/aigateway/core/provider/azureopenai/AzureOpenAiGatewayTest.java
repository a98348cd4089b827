package dev.aigateway.core.provider.azureopenai;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.completion;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.testing.TestGateway;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure fields as Portkey's callers send them: {@code x-portkey-azure-*} headers and config keys. */
class AzureOpenAiGatewayTest {
    private final MockWebServer azure = new MockWebServer();
    private final MockWebServer other = new MockWebServer();
    private final TestGateway test = new TestGateway();

    @BeforeEach
    void start() throws Exception {
        azure.start();
        other.start();
    }

    @AfterEach
    void stop() {
        test.close();
        azure.close();
        other.close();
        assertEquals(0, test.upstream.openResponses(), "upstream responses left open");
    }

    @Test
    void headerModeFieldsBuildThePathAndTheAdTokenIsTheBearer() throws Exception {
        azure.enqueue(ok("from-azure"));

        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "azure-openai")
                .header("authorization", "Bearer azure-key-1")
                .header("x-portkey-custom-host", azure.url("/openai").toString())
                .header("x-portkey-azure-resource-name", "my-resource")
                .header("x-portkey-azure-deployment-id", "gpt-4o-prod")
                .header("x-portkey-azure-api-version", "2024-10-21")
                .header("x-portkey-azure-ad-token", "ad-token-1")
                .body(CHAT_BODY)
                .build());

        assertEquals(200, response.status());
        assertEquals(completion("from-azure"), TestGateway.text(response), "Azure answers are relayed unchanged");
        RecordedRequest sent = azure.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", sent.getTarget());
        assertEquals("Bearer ad-token-1", sent.getHeaders().get("authorization"));
        assertNull(sent.getHeaders().get("api-key"));
        assertEquals(CHAT_BODY, sent.getBody().utf8());
    }

    @Test
    void headerModeKeyFromAuthorizationIsSentAsApiKeyAndNotAsAuthorization() throws Exception {
        azure.enqueue(ok("from-azure"));

        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "azure-openai")
                .header("authorization", "Bearer azure-key-1")
                .header("x-portkey-custom-host", azure.url("/openai").toString())
                .header("x-portkey-azure-deployment-id", "gpt-4o-prod")
                .header("x-portkey-azure-api-version", "2024-10-21")
                .header("x-portkey-openai-beta", "assistants=v2")
                .body(CHAT_BODY)
                .build());

        assertEquals(200, response.status());
        RecordedRequest sent = azure.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21", sent.getTarget());
        assertEquals("azure-key-1", sent.getHeaders().get("api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        assertEquals("assistants=v2", sent.getHeaders().get("openai-beta"));
    }

    @Test
    void configKeysInSnakeCaseBuildThePathAndTheKeyIsTheApiKeyHeader() throws Exception {
        azure.enqueue(ok("from-azure"));
        String config = "{\"provider\":\"azure-openai\",\"api_key\":\"azure-key-1\",\"custom_host\":\""
                + azure.url("/openai") + "\",\"deployment_id\":\"gpt-4o-prod\",\"api_version\":\"v1\"}";

        GatewayResponse response = test.chat(config, CHAT_BODY);

        assertEquals(200, response.status());
        RecordedRequest sent = azure.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/openai/v1/chat/completions", sent.getTarget());
        assertEquals("azure-key-1", sent.getHeaders().get("api-key"));
        assertNull(sent.getHeaders().get("authorization"));
        assertTrue(sent.getBody().utf8().contains("\"model\":\"gpt-4o-prod\""), "v1 names the deployment as model");
    }

    @Test
    void aMissingFieldIsAGatewayExceptionThatStopsFallback() throws Exception {
        other.enqueue(ok("never"));
        String azureTarget =
                "{\"provider\":\"azure-openai\",\"api_key\":\"azure-key-1\",\"resource_name\":\"my-resource\","
                        + "\"api_version\":\"2024-10-21\"}";
        String openAiTarget =
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + other.url("/v1") + "\"}";

        GatewayResponse response = test.chat(
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + azureTarget + "," + openAiTarget + "]}",
                CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        assertEquals("failure", TestGateway.json(response).path("status").asText());
        assertTrue(TestGateway.json(response).path("message").asText().contains("deployment_id"));
        assertEquals(0, other.getRequestCount());
        assertEquals(0, azure.getRequestCount());
    }
}
