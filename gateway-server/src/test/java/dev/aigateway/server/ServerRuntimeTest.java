package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** How the server starts, and that slow clients do not hold up its IO threads. */
class ServerRuntimeTest {
    @Test
    void startsAndPrintsOneLineWithItsUrl() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ServerOptions options = Main.options(new String[] {"--port", "0"}, Map.of());

        try (GatewayServer server = Main.serve(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String url = "http://127.0.0.1:" + server.port();
            assertEquals(
                    "AI Gateway listening on " + url + " (OpenAI base URL: " + url + "/v1)" + System.lineSeparator(),
                    printed.toString(StandardCharsets.UTF_8));
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void clientsStalledMidBodyDoNotHoldUpOtherRequests() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (MockWebServer upstream = new MockWebServer();
                GatewayServer server = GatewayServer.builder().port(0).build().start()) {
            upstream.enqueue(new MockResponse.Builder()
                    .addHeader("content-type", "application/json")
                    .body("{\"id\":\"answered\",\"choices\":[]}")
                    .build());
            upstream.start();
            // More stalled uploads than the server has IO threads: a blocking body read would pin them all.
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 4; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream()
                        .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":")
                                .getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }

            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.url() + "/v1/chat/completions"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("content-type", "application/json")
                                    .header(
                                            "x-portkey-config",
                                            "{\"provider\":\"openai\",\"api_key\":\"k\",\"custom_host\":\""
                                                    + upstream.url("/v1") + "\"}")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("answered"), response.body());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
