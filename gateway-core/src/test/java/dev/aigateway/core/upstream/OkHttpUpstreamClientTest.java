package dev.aigateway.core.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OkHttp upstream client: calls without progress are cut by the stall guard's sweep (on an
 * injected clock: no waiting here); http goes through the cleartext client, https through TLS.
 */
class OkHttpUpstreamClientTest {
    private final AtomicLong now = new AtomicLong();
    private final StallGuard stalls = new StallGuard(Duration.ofSeconds(600), now::get);
    private final OkHttpUpstreamClient client =
            OkHttpUpstreamClient.wrapping(new OkHttpClient(), stalls, CustomHostValidator.create(List.of()));
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UpstreamRequest request(boolean stream) {
        return request(server.url("/v1/chat/completions").toString(), stream);
    }

    private static UpstreamRequest request(String url, boolean stream) {
        return new UpstreamRequest(
                url,
                Headers.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8),
                OptionalLong.empty(),
                stream,
                Cancellation.none());
    }

    @Test
    void aCompleteAnswerThatNeverComesIsCutAfterTheLimit() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(1, TimeUnit.MINUTES)
                .body("{}")
                .build());
        CompletableFuture<UpstreamResponse> call = CompletableFuture.supplyAsync(() -> execute(request(false)));
        server.takeRequest();

        now.addAndGet(Duration.ofSeconds(599).toNanos());
        stalls.sweep();
        assertEquals(1, stalls.watching(), "within the limit the call goes on");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        stalls.sweep();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getCause() instanceof SocketTimeoutException, failure.toString());
        assertEquals(
                "the upstream made no progress for 600 s",
                failure.getCause().getCause().getMessage());
        assertEquals(0, stalls.watching());
    }

    @Test
    void aStreamIsCutAfterTheLimitOfSilenceAndEachReadRestartsTheClock() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("content-type", "text/event-stream")
                .chunkedBody("data: {}\n\n".repeat(50), 10)
                .throttleBody(10, 1, TimeUnit.MINUTES)
                .build());
        try (UpstreamResponse stream = client.execute(request(true))) {
            InputStream body = stream.stream();
            now.addAndGet(Duration.ofSeconds(590).toNanos());
            assertEquals('d', body.read()); // progress: the clock starts again
            now.addAndGet(Duration.ofSeconds(590).toNanos());
            stalls.sweep();
            assertEquals(1, stalls.watching(), "590 s since the last read is within the limit");

            now.addAndGet(Duration.ofSeconds(20).toNanos());
            stalls.sweep();

            // Nothing read in between, so nothing could restart the clock: the call was cut.
            assertEquals(0, stalls.watching());
            SocketTimeoutException stalled = assertThrows(SocketTimeoutException.class, body::readAllBytes);
            assertEquals("the upstream made no progress for 600 s", stalled.getMessage());
        }
        assertEquals(0, stalls.watching());
    }

    @Test
    void finishedCallsAreNoLongerWatched() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{}").build());
        server.enqueue(new MockResponse.Builder()
                .addHeader("content-type", "text/event-stream")
                .body("data: [DONE]\n\n")
                .build());

        try (UpstreamResponse complete = client.execute(request(false))) {
            assertEquals("{}", new String(complete.bytes(), StandardCharsets.UTF_8));
        }
        assertEquals(0, stalls.watching());
        try (UpstreamResponse stream = client.execute(request(true))) {
            assertEquals(1, stalls.watching());
            stream.stream().readAllBytes();
        }
        assertEquals(0, stalls.watching());
    }

    @Test
    void httpUpstreamsAreServedWithoutTheTlsClient() throws Exception {
        OkHttpUpstreamClient defaults = OkHttpUpstreamClient.create();
        server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());

        try (UpstreamResponse answer = defaults.execute(request(false))) {
            assertEquals(200, answer.status());
            assertEquals("{\"ok\":true}", new String(answer.bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void httpsUpstreamsGoThroughTheTlsClient() throws Exception {
        OkHttpUpstreamClient defaults = OkHttpUpstreamClient.create();
        defaults.warmUp();
        // A peer that answers anything with plain HTTP and hangs up: a TLS handshake fails at once.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the test's assertion says what happened
                }
            });
            peer.start();
            UpstreamRequest https =
                    request("https://127.0.0.1:" + plain.getLocalPort() + "/v1/chat/completions", false);

            // Only a client that spoke TLS fails its handshake: the call went through the TLS client.
            assertThrows(SSLException.class, () -> defaults.execute(https));
            peer.join(5_000);
        }
    }

    /** The last guard: whoever built the request, OkHttp's checked headers refuse CR, LF and non-ASCII. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok-x\r\nX-Injected: yes", "a\nb", "a\u0000b", "caf\u00e9"})
    void aHeaderValueHttpCannotCarryIsA400AndNothingIsSent(String value) {
        UpstreamRequest request = new UpstreamRequest(
                server.url("/v1/chat/completions").toString(),
                Headers.of("content-type", "application/json", "authorization", value),
                "{}".getBytes(StandardCharsets.UTF_8),
                OptionalLong.empty(),
                false,
                Cancellation.none());

        GatewayException refused = assertThrows(GatewayException.class, () -> client.execute(request));

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("authorization"), refused.getMessage());
        assertFalse(refused.getMessage().contains("Injected"), "the value is never quoted");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anInvalidHeaderNameIsA400() {
        UpstreamRequest request = new UpstreamRequest(
                server.url("/v1/chat/completions").toString(),
                Headers.of("x bad", "1"),
                "{}".getBytes(StandardCharsets.UTF_8),
                OptionalLong.empty(),
                false,
                Cancellation.none());

        assertEquals(
                400,
                assertThrows(GatewayException.class, () -> client.execute(request))
                        .status());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anUpstreamUrlOkHttpCannotParseIsA400() {
        GatewayException refused =
                assertThrows(GatewayException.class, () -> client.execute(request("http://exa mple.com/v1", false)));

        assertEquals(400, refused.status());
    }

    private UpstreamResponse execute(UpstreamRequest request) {
        try {
            return client.execute(request);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
