package dev.aigateway.core.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.TransformContext;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The region goes into the host and the model into the path: neither can redirect the call. */
class BedrockApiTest {
    private final BedrockApi api = new BedrockApi(new BedrockSigner(BedrockCredentials.standard()));

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "ap-southeast-4", "us-gov-west-1", "cn-northwest-1"})
    void awsRegionsMakeTheHost(String region) {
        assertEquals(
                "https://bedrock-runtime." + region + ".amazonaws.com",
                api.baseUrl(request("m", Map.of("awsRegion", region))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"evil.com/x", "us-east-1.evil.com#", "US-EAST-1", "us-east-1@evil.com", "localhost", "us east 1"
            })
    void anythingElseIsA400BeforeAnyCall(String region) {
        GatewayException e =
                assertThrows(GatewayException.class, () -> api.baseUrl(request("m", Map.of("awsRegion", region))));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("aws_region"), e.getMessage());
    }

    @Test
    void theRegionDefaultsToUsEast1() {
        assertEquals("https://bedrock-runtime.us-east-1.amazonaws.com", api.baseUrl(request("m", Map.of())));
    }

    @Test
    void theModelStaysOneSegmentOfTheModelsPath() {
        assertEquals(
                "/model/..%2F..%2Fguardrail%3Fx%3D1%23y/converse",
                api.path(request("../../guardrail?x=1#y", Map.of()), Json.object()));
        assertEquals(
                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.meta.llama3-2-1b-instruct-v1%3A0/converse",
                api.path(
                        request(
                                "arn:aws:bedrock:us-east-1:1:inference-profile/us.meta.llama3-2-1b-instruct-v1:0",
                                Map.of()),
                        Json.object()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a\r\nb", ""})
    void dotSegmentsControlCharactersAndNoModelAre400s(String model) {
        assertEquals(
                400,
                assertThrows(GatewayException.class, () -> api.path(request(model, Map.of()), Json.object()))
                        .status());
    }

    private static ProviderRequest request(String model, Map<String, String> fields) {
        ObjectNode params = Json.object().put("model", model);
        return new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                new ProviderOptions("bedrock", Optional.empty(), Optional.empty(), fields),
                params,
                false,
                Headers.empty(),
                true,
                TransformContext.system());
    }
}
