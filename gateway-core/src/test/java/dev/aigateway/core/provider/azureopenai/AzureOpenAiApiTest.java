package dev.aigateway.core.provider.azureopenai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.TransformContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the golden runner cannot express: the 400s for missing or malformed provider fields and for
 * the unsupported token-minting auth modes, and that they never echo a key.
 */
class AzureOpenAiApiTest {
    private static final Map<String, String> COMPLETE =
            Map.of("resourceName", "my-resource", "deploymentId", "gpt-4o-prod", "apiVersion", "2024-10-21");

    private final AzureOpenAiApi api = new AzureOpenAiApi();

    @Test
    void missingResourceNameIsA400NamingIt() {
        GatewayException e = assertThrows(GatewayException.class, () -> api.baseUrl(request(without("resourceName"))));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("resource_name"), e.getMessage());
        assertTrue(e.getMessage().contains("x-portkey-azure-resource-name"), e.getMessage());
    }

    @Test
    void missingDeploymentIdIsA400NamingIt() {
        GatewayException e =
                assertThrows(GatewayException.class, () -> api.path(request(without("deploymentId")), Json.object()));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("deployment_id"), e.getMessage());
    }

    @Test
    void missingApiVersionIsA400NamingIt() {
        GatewayException e =
                assertThrows(GatewayException.class, () -> api.path(request(without("apiVersion")), Json.object()));

        assertTrue(e.getMessage().contains("api_version"), e.getMessage());
    }

    @Test
    void blankFieldsCountAsMissing() {
        Map<String, String> fields = new HashMap<>(COMPLETE);
        fields.put("deploymentId", "  ");

        assertThrows(GatewayException.class, () -> api.path(request(fields), Json.object()));
    }

    @Test
    void theV1ApiNeedsNoDeployment() {
        Map<String, String> fields = Map.of("resourceName", "my-resource", "apiVersion", "v1");

        assertEquals("/v1/chat/completions", api.path(request(fields), Json.object()));
        assertEquals(
                "Hi",
                new AzureOpenAiProvider()
                        .transform(Endpoint.CHAT_COMPLETE)
                        .orElseThrow()
                        .request(request(fields))
                        .path("model")
                        .asText(),
                "without a deployment the caller's model is kept");
    }

    @Test
    void aResourceNameThatWouldChangeTheHostIsRefused() {
        for (String bad : new String[] {"evil.example.com/x?", "a@b", "res name", "-res", "x#"}) {
            Map<String, String> fields = new HashMap<>(COMPLETE);
            fields.put("resourceName", bad);

            GatewayException e = assertThrows(GatewayException.class, () -> api.baseUrl(request(fields)), bad);
            assertEquals(400, e.status());
        }
        assertEquals(
                "https://my-resource-2.openai.azure.com/openai",
                api.baseUrl(request(with("resourceName", "my-resource-2"))));
    }

    @Test
    void deploymentAndVersionAreEncodedInTheUrl() {
        Map<String, String> fields = new HashMap<>(COMPLETE);
        fields.put("deploymentId", "my dep/../x");

        assertEquals(
                "/deployments/my%20dep%2F..%2Fx/chat/completions?api-version=2024-10-21",
                api.path(request(fields), Json.object()));
    }

    @Test
    void tokenMintingAuthModesAreA400WithoutEchoingTheKey() {
        for (String mode : new String[] {"entra", "managed", "workload", "Managed"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> headers(with("azureAuthMode", mode)), mode);

            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("azure_auth_mode"), e.getMessage());
            assertFalse(e.getMessage().contains("azure-key-1"), e.getMessage());
        }
    }

    @Test
    void anAdTokenWinsOverAnAuthModeAndTheKey() {
        Map<String, String> fields = new HashMap<>(COMPLETE);
        fields.put("azureAuthMode", "managed");
        fields.put("azureAdToken", "tok-1");

        Headers sent = headers(fields);

        assertEquals("Bearer tok-1", sent.value("authorization"));
        assertFalse(sent.contains("api-key"));
    }

    @Test
    void otherAuthModesFallBackToTheKey() {
        Headers sent = headers(with("azureAuthMode", "apiKey"));

        assertEquals("azure-key-1", sent.value("api-key"));
    }

    private Headers headers(Map<String, String> fields) {
        Headers.Builder headers = Headers.builder();
        api.headers(request(fields), headers);
        return headers.build();
    }

    private static Map<String, String> without(String field) {
        Map<String, String> fields = new HashMap<>(COMPLETE);
        fields.remove(field);
        return fields;
    }

    private static Map<String, String> with(String field, String value) {
        Map<String, String> fields = new HashMap<>(COMPLETE);
        fields.put(field, value);
        return fields;
    }

    private static ProviderRequest request(Map<String, String> fields) {
        return new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                new ProviderOptions(AzureOpenAiProvider.ID, Optional.of("azure-key-1"), Optional.empty(), fields),
                Json.object().put("model", "Hi"),
                false,
                Headers.empty(),
                true,
                TransformContext.system());
    }
}
