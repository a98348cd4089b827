package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that goes away mid-stream cancels the upstream call; streams are relayed as they arrive. */
class StreamCancellationTest {
    private final EndlessStreamUpstream upstream = new EndlessStreamUpstream();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception {
        upstream.start();
        server = GatewayServer.builder().port(0).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        upstream.close();
    }

    @Test
    void closingTheClientConnectionClosesTheUpstreamConnection() throws Exception {
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            sendStreamRequest(client);
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", reader.readLine());
            String line;
            int events = 0;
            while (events < 3 && (line = reader.readLine()) != null) {
                if (line.startsWith("data: {")) {
                    events++; // events arrive one by one while the upstream is still sending
                }
            }
            assertEquals(3, events);
        }

        assertTrue(
                upstream.clientGone.await(10, TimeUnit.SECONDS), "the upstream connection was closed by the gateway");
        assertTrue(upstream.chunksSent < 1000, "the upstream stopped early, after " + upstream.chunksSent + " chunks");
    }

    private void sendStreamRequest(Socket client) throws IOException {
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\"http://127.0.0.1:"
                + upstream.port() + "/v1\"}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "x-portkey-config: " + config + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        OutputStream out = client.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An OpenAI-style upstream that streams a chunk every 20 ms until its client goes away. */
    static final class EndlessStreamUpstream implements AutoCloseable {
        final CountDownLatch clientGone = new CountDownLatch(1);
        volatile int chunksSent;
        private ServerSocket socket;
        private Thread thread;

        void start() throws IOException {
            socket = new ServerSocket(0);
            thread = new Thread(this::serve, "endless-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            try (Socket connection = socket.accept()) {
                readRequestHead(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 1000; i++) {
                    String event = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"" + i + "\"},\"finish_reason\":null}]}\n\n";
                    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    chunksSent = i + 1;
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                clientGone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("request ended early");
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }
}
