package dev.aigateway.server;

import static dev.aigateway.server.OpenAiRoutesEndToEndTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart and binary bodies are spooled to a file that is deleted on every outcome: answered,
 * failed upstream, over the limit (declared or counted), cut by the client, refused.
 */
class SpooledBodyTest {
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path spool;

    private final MockWebServer upstream = new MockWebServer();
    private GatewayServer server;
    private String config;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        server = GatewayServer.builder()
                .port(0)
                .maxBodyBytes(LIMIT)
                .spoolDirectory(spool)
                .gateway(Gateway.builder().sleeper(d -> {}).build())
                .build()
                .start();
        config = "{\"provider\":\"openai\",\"api_key\":\"sk\",\"custom_host\":\"" + upstream.url("/v1") + "\"}";
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    private String head(String path, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\n"
                + "x-portkey-config: " + config + "\r\n" + framing + "\r\n";
    }

    private static String form(int size) {
        return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\n" + "x".repeat(size)
                + "\r\n--b--\r\n";
    }

    @Test
    void theFileGoesOnceTheAnswerIsInWhateverTheAnswer() throws Exception {
        upstream.enqueue(json("{\"text\":\"ok\"}"));
        upstream.enqueue(new MockResponse.Builder().code(500).body("{}").build());
        String body = form(10_000);
        try (RawHttp client = new RawHttp(server.port())) {
            String request = head("/v1/audio/transcriptions", "Content-Length: " + body.length() + "\r\n") + body;

            assertEquals(200, client.send(request).response().status());
            assertEquals(500, client.send(request).response().status());
        }
        assertEquals(2, upstream.getRequestCount());
        assertEmpty();
    }

    @Test
    void aBodyOverTheLimitLeavesNoFile() throws Exception {
        String body = form(LIMIT);
        try (RawHttp declared = new RawHttp(server.port());
                RawHttp chunked = new RawHttp(server.port())) {
            RawHttp.Response byLength = declared.send(
                            head("/v1/files", "Content-Length: " + body.length() + "\r\n") + body)
                    .response();
            String chunks = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
            RawHttp.Response byCount = chunked.send(
                            head("/v1/uploads/u/parts", "Transfer-Encoding: chunked\r\n") + chunks)
                    .response();

            assertEquals(413, byLength.status());
            assertEquals(413, byCount.status());
        }
        assertEquals(0, upstream.getRequestCount());
        assertEmpty();
    }

    @Test
    void aBodyCutByTheClientLeavesNoFile() throws Exception {
        String body = form(20_000);
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(
                    head("/v1/images/edits", "Content-Length: " + body.length() + "\r\n") + body.substring(0, 5000));
            waitForFiles(1);
        }
        waitForFiles(0);
        assertEquals(0, upstream.getRequestCount());
    }

    @Test
    void aFormSentToAJsonRouteIsRefusedAndAJsonBodyToAFormRoute() throws Exception {
        String body = form(100);
        try (RawHttp client = new RawHttp(server.port())) {
            RawHttp.Response toJson = client.send(
                            head("/v1/images/generations", "Content-Length: " + body.length() + "\r\n") + body)
                    .response();
            String json = "{\"model\":\"whisper-1\"}";
            RawHttp.Response toForm = client.send("POST /v1/audio/translations HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json)
                    .response();

            assertEquals(400, toJson.status());
            assertEquals("{\"status\":\"failure\",\"message\":\"Invalid content type passed\"}", toJson.body());
            assertEquals(400, toForm.status());
        }
        assertEquals(0, upstream.getRequestCount());
        assertEmpty();
    }

    private void assertEmpty() throws IOException {
        waitForFiles(0);
    }

    /** Waits, within a generous bound, until the spool directory holds {@code count} files. */
    private void waitForFiles(long count) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long files;
        do {
            try (var list = Files.list(spool)) {
                files = list.count();
            }
            if (files == count) {
                return;
            }
            sleepBriefly();
        } while (System.nanoTime() < deadline);
        assertTrue(files == count, "spool files: " + files + ", expected " + count);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
