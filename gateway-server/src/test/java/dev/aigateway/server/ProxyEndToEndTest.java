package dev.aigateway.server;

import static dev.aigateway.server.OpenAiRoutesEndToEndTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /v1} proxy with Portkey's semantics: the provider from the headers or the config, the
 * caller's path below the provider's base URL with its query, the caller's headers but not the
 * gateway's or the caller's credentials, bodies of every kind sent as they came, and answers,
 * errors included, passed through.
 */
class ProxyEndToEndTest {
    private final MockWebServer upstream = new MockWebServer();
    private final HttpClient http = HttpClient.newHttpClient();
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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    private HttpRequest.Builder headerMode(String path) {
        return request(path)
                .header("x-portkey-provider", "openai")
                .header("x-portkey-custom-host", upstream.url("/v1").toString())
                .header("authorization", "Bearer sk-caller");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private RecordedRequest take() throws InterruptedException {
        return upstream.takeRequest(5, TimeUnit.SECONDS);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aGetGoesToTheSamePathBelowTheProvidersBaseUrlWithItsQueryAndHeaders() throws Exception {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .addHeader("openai-processing-ms", "12")
                .body("{\"object\":\"list\",\"data\":[]}")
                .build());

        HttpResponse<byte[]> answer = send(headerMode("/v1/vector_stores?limit=2&order=desc")
                .header("openai-beta", "assistants=v2")
                .header("x-portkey-trace-id", "trace-1"));

        assertEquals(200, answer.statusCode());
        assertEquals("{\"object\":\"list\",\"data\":[]}", text(answer));
        assertEquals(
                "application/json", answer.headers().firstValue("content-type").orElseThrow());
        assertEquals("12", answer.headers().firstValue("openai-processing-ms").orElseThrow());
        assertEquals("openai", answer.headers().firstValue("x-portkey-provider").orElseThrow());
        assertEquals(
                "trace-1", answer.headers().firstValue("x-portkey-trace-id").orElseThrow());
        RecordedRequest sent = take();
        assertEquals("GET", sent.getMethod());
        assertEquals("/v1/vector_stores?limit=2&order=desc", sent.getTarget());
        assertEquals("Bearer sk-caller", sent.getHeaders().get("authorization"));
        assertEquals("assistants=v2", sent.getHeaders().get("openai-beta"));
        assertNull(sent.getHeaders().get("x-portkey-provider"));
        assertNull(sent.getHeaders().get("x-portkey-trace-id"));
        assertNull(sent.getHeaders().get("content-type"));
    }

    @Test
    void aJsonPostIsSentAsItCameWithTheTargetsKeyNotTheCallers() throws Exception {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"vs_1\"}")
                .build());
        String body = "{\"name\":\"docs\",  \"file_ids\":[\"file-1\"]}";
        String config =
                "{\"provider\":\"openai\",\"api_key\":\"sk-config\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";

        HttpResponse<byte[]> answer = send(request("/v1/vector_stores")
                .header("x-portkey-config", config)
                .header("authorization", "Bearer placeholder")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertEquals(200, answer.statusCode());
        RecordedRequest sent = take();
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/vector_stores", sent.getTarget());
        assertEquals(body, sent.getBody().utf8());
        assertEquals("Bearer sk-config", sent.getHeaders().get("authorization"));
        assertEquals("application/json", sent.getHeaders().get("content-type"));
    }

    @Test
    void aDeleteCarriesNoBody() throws Exception {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/json")
                .body("{\"id\":\"vs_1\",\"deleted\":true}")
                .build());

        HttpResponse<byte[]> answer = send(headerMode("/v1/vector_stores/vs_1").DELETE());

        assertEquals("{\"id\":\"vs_1\",\"deleted\":true}", text(answer));
        RecordedRequest sent = take();
        assertEquals("DELETE", sent.getMethod());
        assertEquals("/v1/vector_stores/vs_1", sent.getTarget());
        assertNull(sent.getBody());
    }

    @Test
    void multipartAndAudioBodiesAreSentAsTheyCame() throws Exception {
        byte[] part = bytes(70_000, 11);
        String boundary = "----gateway-test-boundary";
        byte[] form = multipart(boundary, part);
        byte[] audio = bytes(50_000, 12);
        upstream.enqueue(
                new MockResponse.Builder().code(200).body("{\"id\":\"part_1\"}").build());
        upstream.enqueue(
                new MockResponse.Builder().code(200).body("{\"ok\":true}").build());

        send(headerMode("/v1/uploads/upload_1/parts")
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)));
        send(headerMode("/v1/audio/custom")
                .header("content-type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)));

        RecordedRequest upload = take();
        assertEquals("/v1/uploads/upload_1/parts", upload.getTarget());
        assertEquals(
                "multipart/form-data; boundary=" + boundary, upload.getHeaders().get("content-type"));
        assertArrayEquals(form, upload.getBody().toByteArray());
        RecordedRequest bytes = take();
        assertEquals("audio/wav", bytes.getHeaders().get("content-type"));
        assertArrayEquals(audio, bytes.getBody().toByteArray());
    }

    @Test
    void upstreamErrorsPassThroughAsTheyCame() throws Exception {
        String error = "{\"error\":{\"message\":\"No vector store found\",\"type\":\"invalid_request_error\"}}";
        upstream.enqueue(new MockResponse.Builder()
                .code(404)
                .addHeader("content-type", "application/json")
                .body(error)
                .build());

        HttpResponse<byte[]> answer = send(headerMode("/v1/vector_stores/vs_9"));

        assertEquals(404, answer.statusCode());
        assertEquals(error, text(answer));
        assertEquals("openai", answer.headers().firstValue("x-portkey-provider").orElseThrow());
    }

    @Test
    void anEventStreamPassesThroughAsItArrives() throws Exception {
        String events = "event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\nevent: done\ndata: [DONE]\n\n";
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "text/event-stream")
                .body(events)
                .build());

        HttpResponse<byte[]> answer = send(headerMode("/v1/threads/thread_1/runs")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\":\"asst_1\",\"stream\":true}")));

        assertEquals(200, answer.statusCode());
        assertEquals(
                "text/event-stream", answer.headers().firstValue("content-type").orElseThrow());
        assertEquals(events, text(answer));
    }

    @Test
    void bytesCutUpstreamAreCutForTheClientTooNeverPassedOffAsWhole() throws Exception {
        upstream.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("content-type", "application/octet-stream")
                .body(new Buffer().write(bytes(200_000, 13)))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());
        upstream.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        assertThrows(IOException.class, () -> send(headerMode("/v1/files/file-1/content")));

        assertEquals(200, send(headerMode("/v1/vector_stores")).statusCode());
    }

    @Test
    void theDeprecatedProxyPrefixAndOtherProvidersBaseUrls() throws Exception {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        }
        String azure = "{\"provider\":\"azure-openai\",\"api_key\":\"az-key\",\"resource_name\":\"res\","
                + "\"api_version\":\"2025-04-01-preview\",\"custom_host\":\"" + upstream.url("/openai") + "\"}";
        String anthropic =
                "{\"provider\":\"anthropic\",\"api_key\":\"ant-key\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";

        send(headerMode("/v1/proxy/vector_stores"));
        send(request("/v1/vector_stores?limit=1").header("x-portkey-config", azure));
        send(request("/v1/v1/messages/batches")
                .header("x-portkey-config", anthropic)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}")));

        assertEquals("/v1/vector_stores", take().getTarget());
        RecordedRequest toAzure = take();
        assertEquals("/openai/vector_stores?limit=1&api-version=2025-04-01-preview", toAzure.getTarget());
        assertEquals("az-key", toAzure.getHeaders().get("api-key"));
        RecordedRequest toAnthropic = take();
        assertEquals("/v1/messages/batches", toAnthropic.getTarget());
        assertEquals("ant-key", toAnthropic.getHeaders().get("x-api-key"));
        assertEquals("2023-06-01", toAnthropic.getHeaders().get("anthropic-version"));
    }

    @Test
    void badProxyRequestsAreRefusedBeforeAnyUpstreamCall() throws Exception {
        HttpResponse<byte[]> dots = send(headerMode("/v1/files/%2e%2e/admin"));
        HttpResponse<byte[]> textBody = send(headerMode("/v1/anything")
                .header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        HttpResponse<byte[]> noProvider = send(request("/v1/vector_stores"));
        HttpResponse<byte[]> realtime = send(headerMode("/v1/realtime?model=gpt-4o-realtime"));

        assertEquals(400, dots.statusCode(), text(dots));
        assertTrue(text(dots).contains("dot segments"), text(dots));
        assertEquals(400, textBody.statusCode());
        assertEquals("{\"status\":\"failure\",\"message\":\"Invalid content type passed\"}", text(textBody));
        assertEquals(400, noProvider.statusCode());
        assertEquals(404, realtime.statusCode());
        assertEquals(0, upstream.getRequestCount());
    }

    private static byte[] multipart(String boundary, byte[] data) {
        Buffer body = new Buffer()
                .writeUtf8("--" + boundary + "\r\n")
                .writeUtf8("Content-Disposition: form-data; name=\"data\"; filename=\"part.bin\"\r\n")
                .writeUtf8("Content-Type: application/octet-stream\r\n\r\n")
                .write(data)
                .writeUtf8("\r\n--" + boundary + "--\r\n");
        return body.readByteArray();
    }
}
