package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aigateway.core.Gateway;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How openai-java, with its default settings, experiences the gateway's failures. */
class OpenAiSdkBehaviourTest {
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

    /** openai-java as most people build it: default retries (2). */
    private OpenAIClient client(String config) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(server.url() + "/v1")
                .apiKey("placeholder")
                .putHeader("x-portkey-config", config)
                .build();
    }

    private String target() {
        return "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";
    }

    private static ChatCompletionCreateParams question() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("Hi")
                .build();
    }

    private static MockResponse serverError() {
        return new MockResponse.Builder()
                .code(500)
                .addHeader("content-type", "application/json")
                .body("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")
                .build();
    }

    @Test
    void theSdkDoesNotRetryAFallbackTheGatewayAlreadyExhausted() {
        for (int i = 0; i < 6; i++) {
            upstream.enqueue(serverError());
        }
        String fallback = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target() + "," + target() + "]}";

        InternalServerException e = assertThrows(
                InternalServerException.class,
                () -> client(fallback).chat().completions().create(question()));

        assertEquals(List.of("false"), e.headers().values("x-should-retry"));
        assertEquals(2, upstream.getRequestCount(), "two targets, no SDK retries on top");
    }

    @Test
    void gatewayValidationErrorsSurfaceAsBadRequest() {
        BadRequestException e = assertThrows(
                BadRequestException.class,
                () -> client("{\"provider\":\"nope\"}").chat().completions().create(question()));

        assertTrue(e.getMessage().contains("Invalid provider passed"), e.getMessage());
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void aStreamCutMidwayRaisesInsteadOfEndingQuietly() {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"},\"finish_reason\":null}]}\n\n")
                .build());

        OpenAIException e = assertThrows(OpenAIException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream =
                    client(target()).chat().completions().createStreaming(question())) {
                stream.stream().forEach(chunk -> {});
            }
        });

        assertTrue(e.getMessage().contains("stream ended early"), e.getMessage());
    }
}
