package dev.aigateway.core.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.EndpointTransform;
import dev.aigateway.core.provider.Provider;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.Providers;
import dev.aigateway.core.provider.TransformContext;
import dev.aigateway.core.stream.EventReader;
import dev.aigateway.core.stream.JsonArrayStreamReader;
import dev.aigateway.core.stream.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoogleApiTest {
    private final GoogleProvider provider = new GoogleProvider();

    private static ProviderRequest request(String model, boolean stream, String apiKey) {
        ObjectNode params = Json.object().put("model", model).put("stream", stream);
        params.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        return new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                ProviderOptions.of(GoogleProvider.ID, apiKey),
                params,
                stream,
                Headers.empty(),
                true,
                TransformContext.system());
    }

    private String url(ProviderRequest request) {
        return provider.api().baseUrl(request) + provider.api().path(request, Json.object());
    }

    private Headers headers(ProviderRequest request) {
        Headers.Builder headers = Headers.builder();
        provider.api().headers(request, headers);
        return headers.build();
    }

    @Test
    void sendsTheKeyInAHeaderAndNeverInTheUrl() {
        ProviderRequest request = request("gemini-2.5-flash", false, "AIzaSy-secret");
        assertEquals("AIzaSy-secret", headers(request).value("x-goog-api-key"));
        assertFalse(url(request).contains("AIzaSy-secret"));
        assertFalse(url(request).contains("key="));
    }

    @Test
    void sendsNoKeyHeaderWithoutAKey() {
        assertFalse(headers(request("gemini-2.5-flash", false, null)).contains("x-goog-api-key"));
        assertFalse(headers(request("gemini-2.5-flash", false, " ")).contains("x-goog-api-key"));
        assertEquals(0, headers(request("gemini-2.5-flash", false, null)).size());
    }

    @Test
    void stripsTheModelsPrefix() {
        assertEquals(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent",
                url(request("models/gemini-2.5-pro", false, "k")));
    }

    @Test
    void asksForSseWhenStreaming() {
        assertEquals(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                url(request("gemini-2.5-flash", true, "k")));
    }

    @Test
    void usesV1alphaForTheThinkingExperiment() {
        assertEquals(
                "https://generativelanguage.googleapis.com/v1alpha/models/gemini-2.0-flash-thinking-exp-01-21:generateContent",
                url(request("gemini-2.0-flash-thinking-exp-01-21", false, "k")));
    }

    @Test
    void encodesAModelThatWouldLeaveItsPathSegment() {
        assertEquals(
                "https://generativelanguage.googleapis.com/v1beta/models/..%2F..%2Ffiles%3Fx%3Dy:generateContent",
                url(request("../../files?x=y", false, "k")));
    }

    @Test
    void rejectsAMissingModel() {
        GatewayException e = assertThrows(GatewayException.class, () -> url(request("", false, "k")));
        assertEquals(400, e.status());
    }

    @Test
    void servesChatCompletionsAndIsRegistered() {
        assertTrue(provider.transform(Endpoint.CHAT_COMPLETE).isPresent());
        assertTrue(provider.transform(Endpoint.EMBED).isPresent());
        Provider registered = Providers.defaults().find("google").orElseThrow();
        assertSame(provider.api().getClass(), registered.api().getClass());
        assertSame(
                provider.transform(Endpoint.CHAT_COMPLETE).orElseThrow().getClass(),
                registered.transform(Endpoint.CHAT_COMPLETE).orElseThrow().getClass());
    }

    @Test
    void readsJsonArrayStreamsAndSseStreams() throws IOException {
        EndpointTransform chat = provider.transform(Endpoint.CHAT_COMPLETE).orElseThrow();
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        try (EventReader json = chat.streamReader(new ByteArrayInputStream(body), "application/json; charset=UTF-8");
                EventReader sse = chat.streamReader(new ByteArrayInputStream(body), "text/event-stream");
                EventReader unknown = chat.streamReader(new ByteArrayInputStream(body), null)) {
            assertInstanceOf(JsonArrayStreamReader.class, json);
            assertInstanceOf(SseReader.class, sse);
            assertInstanceOf(SseReader.class, unknown);
        }
    }

    @Test
    void doesNotModifyTheCallersRequest() {
        ProviderRequest request = request("gemini-2.5-flash", false, "k");
        request.params()
                .putArray("tools")
                .addObject()
                .put("type", "function")
                .putObject("function")
                .put("name", "f")
                .putObject("parameters")
                .put("type", "object")
                .put("additionalProperties", false)
                .putObject("properties")
                .putObject("a")
                .put("type", "string");
        request.params().put("stop", "END");
        ObjectNode before = request.params().deepCopy();
        provider.transform(Endpoint.CHAT_COMPLETE).orElseThrow().request(request);
        assertEquals(before, request.params());
    }
}
