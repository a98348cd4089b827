package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * openai-java's embeddings, as the SDK sends them by default ({@code encoding_format: base64}),
 * through the server to OpenAI-compatible providers that answer with floats: the provider is asked
 * for floats, the caller gets OpenAI's base64, and the SDK decodes the provider's numbers.
 */
class OpenAiCompatibleEmbeddingsEndToEndTest {
    private final MockWebServer upstream = new MockWebServer();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        server = GatewayServer.builder()
                .port(0)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @ParameterizedTest
    @CsvSource({
        "mistral-ai, /v1, /v1/embeddings",
        "together-ai, '', /v1/embeddings",
        "fireworks-ai, /inference/v1, /inference/v1/embeddings",
        "ollama, '', /v1/embeddings",
        "vllm, /v1, /v1/embeddings"
    })
    void base64ForTheSdkFloatsFromTheProvider(String provider, String hostPath, String path) throws Exception {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body(
                        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,-0.2,3.5]}],"
                                + "\"model\":\"e\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}")
                .build());
        String host = upstream.url("/").toString();
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey("key-" + provider)
                .maxRetries(0)
                .putHeader("x-portkey-provider", provider)
                .putHeader("x-portkey-custom-host", host.substring(0, host.length() - 1) + hostPath)
                .build();

        CreateEmbeddingResponse answer;
        try (HttpResponseFor<CreateEmbeddingResponse> raw = client.embeddings()
                .withRawResponse()
                .create(EmbeddingCreateParams.builder()
                        .model("e")
                        .input("hello")
                        .build())) {
            byte[] body = raw.body().readAllBytes();
            JsonNode json = Json.parse(body);
            assertTrue(json.at("/data/0/embedding").isTextual(), json::toString);
            assertEquals(provider, json.path("provider").asText());
            answer = ObjectMappers.jsonMapper().readValue(body, CreateEmbeddingResponse.class);
        }

        assertEquals(List.of(0.1f, -0.2f, 3.5f), answer.data().get(0).embedding());
        RecordedRequest sent = upstream.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(path, sent.getTarget());
        JsonNode body = Json.parse(sent.getBody().utf8());
        assertFalse(body.has("encoding_format"), "floats are asked for: " + body);
        assertEquals("hello", body.path("input").asText());
    }
}
