package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that goes away before its answer has started (the upstream has not sent a byte yet)
 * cancels the upstream call; watching for that does not disturb keep-alive or pipelined requests.
 */
class ClientDisconnectTest {
    private GatewayServer server;

    @BeforeEach
    void start() {
        server = GatewayServer.builder().port(0).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void closingTheClientBeforeTheUpstreamAnswersCancelsTheUpstreamCall(boolean stream) throws Exception {
        try (SilentUpstream upstream = new SilentUpstream()) {
            Socket client = new Socket("127.0.0.1", server.port());
            client.getOutputStream().write(chatRequest(upstream.port(), stream, "close"));
            assertTrue(upstream.requestSeen.await(10, TimeUnit.SECONDS), "the request reached the upstream");

            client.close();

            assertTrue(
                    upstream.callerGone.await(10, TimeUnit.SECONDS),
                    "the gateway closed its upstream connection when the client went away");
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aRequestPipelinedWhileTheFirstIsServedIsStillAnswered(boolean stream) throws Exception {
        CountDownLatch requestSeen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer upstream = new MockWebServer();
                Socket client = new Socket("127.0.0.1", server.port())) {
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    requestSeen.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return stream
                            ? new MockResponse.Builder()
                                    .addHeader("content-type", "text/event-stream")
                                    .body("data: {\"choices\":[]}\n\ndata: [DONE]\n\n")
                                    .build()
                            : new MockResponse.Builder()
                                    .addHeader("content-type", "application/json")
                                    .body("{\"id\":\"first\",\"choices\":[]}")
                                    .build();
                }
            });
            upstream.start();
            OutputStream out = client.getOutputStream();
            out.write(chatRequest(upstream.getPort(), stream, "keep-alive"));
            assertTrue(requestSeen.await(10, TimeUnit.SECONDS));

            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            release.countDown();

            InputStream in = client.getInputStream();
            String first = readResponse(in);
            String second = readResponse(in);
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            assertTrue(first.contains(stream ? "[DONE]" : "\"first\""), first);
            assertTrue(second.startsWith("HTTP/1.1 200"), second);
            assertTrue(second.endsWith(Routes.HEALTH_TEXT), second);
        }
    }

    private static byte[] chatRequest(int upstreamPort, boolean stream, String connection) {
        String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"http://127.0.0.1:" + upstreamPort
                + "/v1\"}";
        return ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nConnection: " + connection
                        + "\r\nContent-Type: application/json\r\nx-portkey-config: " + config
                        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One HTTP/1.1 response with a content-length or chunked body, as text (chunk framing kept). */
    private static String readResponse(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        String lower = head.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (lower.contains("transfer-encoding: chunked")) {
            body.writeBytes(readUntil(in, "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        } else {
            int start = lower.indexOf("content-length: ") + 16;
            int length = Integer.parseInt(lower.substring(start, lower.indexOf("\r\n", start)));
            body.writeBytes(in.readNBytes(length));
        }
        return head + body.toString(StandardCharsets.UTF_8);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.length() < end.length()
                || !text.substring(text.length() - end.length()).equals(end)) {
            int b = in.read();
            assertTrue(b >= 0, "the connection ended early: " + text);
            text.append((char) b);
        }
        return text.toString();
    }

    /** An upstream that reads a request and never answers, and notices when its caller hangs up. */
    private static final class SilentUpstream implements AutoCloseable {
        final CountDownLatch requestSeen = new CountDownLatch(1);
        final CountDownLatch callerGone = new CountDownLatch(1);
        private final ServerSocket socket = new ServerSocket(0);
        private final Thread thread = new Thread(this::serve, "silent-upstream");

        SilentUpstream() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                byte[] buffer = new byte[8192];
                int read = in.read(buffer);
                requestSeen.countDown();
                while (read >= 0) {
                    read = in.read(buffer);
                }
            } catch (IOException e) {
                // a reset also means the caller is gone
            }
            callerGone.countDown();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            assertEquals(0, requestSeen.getCount(), "the upstream was called");
        }
    }
}
