package dev.aigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {
    private final FakeUpstream fake = FakeUpstream.start("127.0.0.1", 0, 1, new StreamShape(3, 0));
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void answersACannedCompletion() throws Exception {
        HttpResponse<String> answer = post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
        assertEquals(200, answer.statusCode());
        assertEquals(new String(FakeUpstream.COMPLETION, StandardCharsets.US_ASCII), answer.body());
        assertEquals(
                "application/json", answer.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void failPathsAnswer503() throws Exception {
        HttpResponse<String> answer = post("/fail/v1/chat/completions", "{\"stream\":true}");
        assertEquals(503, answer.statusCode());
        assertTrue(answer.body().contains("\"type\":\"server_error\""));
    }

    @Test
    void streamsTheDefaultShapeOrThePathsShape() throws Exception {
        HttpResponse<String> byDefault = post("/v1/chat/completions", "{\"stream\": true}");
        assertEquals(3, count(byDefault.body(), "chat.completion.chunk"));
        assertTrue(byDefault.body().endsWith("data: [DONE]\n\n"));
        HttpResponse<String> byPath = post("/s/5/1/v1/chat/completions", "{\"stream\":true}");
        assertEquals(5, count(byPath.body(), "chat.completion.chunk"));
        assertEquals(
                "text/event-stream", byPath.headers().firstValue("content-type").orElse(""));
        assertEquals(
                400, post("/s/zero/1/v1/chat/completions", "{\"stream\":true}").statusCode());
    }

    @Test
    void readsTheStreamFlagWithoutParsing() {
        assertTrue(FakeUpstream.asksForStream(bytes("{\"stream\" :\n true}")));
        assertFalse(FakeUpstream.asksForStream(bytes("{\"stream\":false}")));
        assertFalse(FakeUpstream.asksForStream(bytes("{\"content\":\"stream\",\"stream\":tru")));
        assertFalse(FakeUpstream.asksForStream(bytes("{}")));
    }

    @Test
    void probeTimesFirstChunksOnOneConnection() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + fake.port() + "/v1/chat/completions");
        byte[] request = FirstChunkProbe.request(url, List.of("Authorization: Bearer sk-bench"), "{\"stream\":true}");
        try (Socket socket = new Socket("127.0.0.1", fake.port())) {
            FirstChunkProbe probe = new FirstChunkProbe(socket, request);
            for (int i = 0; i < 3; i++) {
                assertTrue(probe.once() > 0);
            }
        }
        assertEquals(20, FirstChunkProbe.percentile(new long[] {10, 20, 30, 40}, 50));
        assertEquals(40, FirstChunkProbe.percentile(new long[] {10, 20, 30, 40}, 99));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String part) {
        return text.split(part, -1).length - 1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
