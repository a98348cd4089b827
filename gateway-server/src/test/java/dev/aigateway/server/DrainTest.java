package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.GatedStreamUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown: while the server drains, what is in flight finishes, new connections are
 * refused, new requests on open connections get 503, {@code /ready} says "draining"; streams still
 * running when the time is up end with an error event and {@code [DONE]}.
 */
class DrainTest {
    private static final String STREAM_BODY =
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String CONFIG = "{\"provider\":\"openai\",\"api_key\":\"sk-test\"}";

    private final GatedStreamUpstream upstream = new GatedStreamUpstream();
    private final GatewayServer server = GatewayServer.builder()
            .port(0)
            .gateway(Gateway.builder().upstream(upstream).build())
            .build()
            .start();
    private final int port = server.port();
    private final OkHttpClient client = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    @AfterEach
    void stop() {
        server.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void aStreamInFlightFinishesWhileTheServerDrains() throws Exception {
        try (RawHttp open = new RawHttp(port)) {
            assertEquals(200, open.send(get("/ready")).response().status());
            Iterator<String> stream = startStream();
            assertEquals("Hel", content(nextData(stream)));

            Thread draining = new Thread(() -> server.drain(Duration.ofSeconds(30)));
            draining.start();
            awaitDraining();

            RawHttp.Response ready = open.send(get("/ready")).response();
            assertEquals(503, ready.status());
            assertEquals("{\"status\":\"draining\"}", ready.body());
            assertEquals(200, open.send(get("/health")).response().status());
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "no new connections");
            upstream.send(GatedStreamUpstream.chunk("lo"));
            upstream.end();
            assertEquals("lo", content(nextData(stream)));
            assertEquals("data: [DONE]", nextData(stream));
            draining.join(10_000);
            assertFalse(draining.isAlive(), "the drain ends once nothing is in flight");
        }
    }

    @Test
    void aNewRequestOnAnOpenConnectionGets503AndTheConnectionCloses() throws Exception {
        try (RawHttp open = new RawHttp(port)) {
            assertEquals(200, open.send(get("/health")).response().status());
            Iterator<String> stream = startStream();
            nextData(stream);
            Thread draining = new Thread(() -> server.drain(Duration.ofSeconds(30)));
            draining.start();
            awaitDraining();

            RawHttp.Response refused = open.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nx-portkey-config: " + CONFIG + "\r\nContent-Length: "
                            + STREAM_BODY.length() + "\r\n\r\n" + STREAM_BODY)
                    .response();

            assertEquals(503, refused.status());
            assertEquals("close", refused.header("connection"));
            assertEquals("1", refused.header("retry-after"));
            assertEquals(
                    "gateway_draining",
                    Json.parse(refused.body()).at("/error/code").asText());
            assertTrue(open.closedWithin(Duration.ofSeconds(5)));
            upstream.end();
            draining.join(10_000);
        }
    }

    @Test
    void streamsStillRunningWhenTheTimeIsUpEndWithAnErrorEventAndDone() throws Exception {
        Iterator<String> stream = startStream();
        assertEquals("Hel", content(nextData(stream)));

        server.drain(Duration.ofMillis(200));

        JsonNode error = Json.parse(nextData(stream).substring("data: ".length()));
        assertEquals(Drain.CUT_MESSAGE, error.at("/error/message").asText());
        assertEquals("data: [DONE]", nextData(stream));
        while (stream.hasNext()) {
            assertEquals("", stream.next(), "nothing after [DONE]; the answer ends");
        }
        assertTrue(upstream.awaitCancel(5), "the upstream call was cancelled");
    }

    @Test
    void endDrainNowCutsTheStreamsWithoutWaitingForTheTimeout() throws Exception {
        Iterator<String> stream = startStream();
        nextData(stream);
        Thread draining = new Thread(() -> server.drain(Duration.ofMinutes(10)));
        draining.start();
        awaitDraining();

        server.endDrainNow();

        assertTrue(nextData(stream).contains(Drain.CUT_MESSAGE));
        assertEquals("data: [DONE]", nextData(stream));
        draining.join(10_000);
        assertFalse(draining.isAlive());
    }

    /** Starts a stream and has the upstream send its first event, "Hel" (the answer starts with it). */
    private Iterator<String> startStream() throws Exception {
        Call call = client.newCall(new Request.Builder()
                .url(server.url() + "/v1/chat/completions")
                .header("x-portkey-config", CONFIG)
                .post(RequestBody.create(STREAM_BODY, MediaType.get("application/json")))
                .build());
        CompletableFuture<Response> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return call.execute();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(upstream.awaitCall());
        upstream.send(GatedStreamUpstream.chunk("Hel"));
        Response response = sent.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.code());
        return new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))
                .lines()
                .iterator();
    }

    private static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static String content(String dataLine) throws Exception {
        return Json.parse(dataLine.substring("data: ".length()))
                .at("/choices/0/delta/content")
                .asText();
    }

    private void awaitDraining() throws InterruptedException {
        for (int i = 0; i < 500 && !server.draining(); i++) {
            Thread.sleep(10);
        }
        assertTrue(server.draining(), "the drain began");
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }
}
