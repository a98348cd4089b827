package dev.aigateway.core.provider.openaicompat;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import dev.aigateway.core.testing.TestGateway;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the golden and contract cases cannot show: required custom hosts, absent keys, slugs. */
class OpenAiCompatibleProvidersTest {
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

    @Test
    void theGenericSlugWithoutACustomHostIsAGatewayException() throws Exception {
        GatewayResponse response = test.chat("{\"provider\":\"openai-compatible\",\"api_key\":\"k\"}", CHAT_BODY);

        assertEquals(400, response.status());
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        assertTrue(TestGateway.json(response).path("message").asText().contains("custom_host"));
    }

    @Test
    void theGenericSlugSendsNoAuthorizationWithoutAKey() throws Exception {
        server.enqueue(ok("local"));

        GatewayResponse response = test.gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "openai-compatible")
                .header("x-portkey-custom-host", server.url("/v1").toString())
                .body(CHAT_BODY)
                .build());

        assertEquals(200, response.status());
        assertEquals(
                "openai-compatible", TestGateway.json(response).path("provider").asText());
        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", sent.getTarget());
        assertNull(sent.getHeaders().get("authorization"));
    }

    @Test
    void familySlugsAreThoseOfPortkeyAndTheGenericOnesClashWithNone() {
        Set<String> generic = Set.of(
                OpenAiCompatibleProviders.OPENAI_COMPATIBLE,
                OpenAiCompatibleProviders.LM_STUDIO,
                OpenAiCompatibleProviders.VLLM);
        for (Provider provider : OpenAiCompatibleProviders.all()) {
            assertEquals(!generic.contains(provider.id()), Providers.isPortkeySlug(provider.id()), provider.id());
            assertTrue(Providers.defaults().find(provider.id()).isPresent(), provider.id() + " is registered");
        }
    }

    @Test
    void aRequestWithNothingToChangeIsSentAsTheCallersBytes() throws Exception {
        ObjectNode params =
                (ObjectNode) Json.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        for (Provider provider : OpenAiCompatibleProviders.all()) {
            ProviderRequest request = new ProviderRequest(
                    Endpoint.CHAT_COMPLETE,
                    new ProviderOptions(provider.id(), Optional.of("k"), Optional.empty(), Map.of()),
                    params,
                    false,
                    Headers.empty(),
                    true,
                    TransformContext.system());

            assertSame(
                    params,
                    provider.transform(Endpoint.CHAT_COMPLETE).orElseThrow().request(request),
                    provider.id());
        }
    }

    @Test
    void chatCompletionsEverywhereAndEmbeddingsWhereTheProviderHasThem() {
        Set<String> embedding = Set.of(
                "mistral-ai",
                "together-ai",
                "fireworks-ai",
                "ollama",
                "openai-compatible",
                "sambanova",
                "nebius",
                "deepinfra",
                "novita-ai",
                "z-ai",
                "dashscope",
                "siliconflow",
                "lm-studio",
                "vllm");
        for (Provider provider : OpenAiCompatibleProviders.all()) {
            assertTrue(provider.transform(Endpoint.CHAT_COMPLETE).isPresent(), provider.id());
            assertEquals(
                    embedding.contains(provider.id()),
                    provider.transform(Endpoint.EMBED).isPresent(),
                    provider.id());
            assertFalse(provider.transform(Endpoint.COMPLETE).isPresent(), provider.id());
        }
    }

    @Test
    void theSelfHostedPresetsDefaultToTheirServersLocalAddresses() throws Exception {
        for (Map.Entry<Provider, String> preset : Map.<Provider, String>of(
                        OpenAiCompatibleProviders.lmStudio(), "http://localhost:1234/v1",
                        OpenAiCompatibleProviders.vllm(), "http://localhost:8000/v1")
                .entrySet()) {
            ProviderRequest request = new ProviderRequest(
                    Endpoint.EMBED,
                    new ProviderOptions(preset.getKey().id(), Optional.empty(), Optional.empty(), Map.of()),
                    (ObjectNode) Json.parse("{\"model\":\"m\",\"input\":\"x\"}"),
                    false,
                    Headers.empty(),
                    true,
                    TransformContext.system());
            assertEquals(
                    preset.getValue() + "/embeddings",
                    preset.getKey().api().baseUrl(request)
                            + preset.getKey().api().path(request, request.params()),
                    preset.getKey().id());
        }
    }

    @Test
    void aHuggingFaceBaseUrlMustBeHttps() throws Exception {
        GatewayResponse response = test.chat(
                "{\"provider\":\"huggingface\",\"api_key\":\"hf\",\"huggingface_base_url\":\"http://10.0.0.1/x\"}",
                CHAT_BODY);

        assertEquals(400, response.status());
        assertTrue(TestGateway.json(response).path("message").asText().contains("huggingface_base_url"));
    }

    @Test
    void aHuggingFaceBaseUrlIsHeldToTheUpstreamAddressRules() throws Exception {
        GatewayResponse response = test.chat(
                "{\"provider\":\"huggingface\",\"api_key\":\"hf\",\"huggingface_base_url\":\"https://169.254.169.254\"}",
                CHAT_BODY);

        assertEquals(502, response.status(), () -> TestGateway.text(response));
        assertEquals("true", response.headers().value("x-portkey-gateway-exception"));
        assertFalse(TestGateway.text(response).contains("hf\""), "the key is never echoed");
    }
}
