package dev.aigateway.core.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A custom host whose name passes the custom-host rules but resolves to a loopback address (where
 * a fake upstream listens, standing in for an internal service): the guard refuses it at connect
 * time, before any socket is opened, and the gateway answers 502 without naming the address.
 */
class DnsRebindingTest {
    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger sockets = new AtomicInteger();
    private final CustomHostValidator hosts = CustomHostValidator.create(List.of());

    /** Resolves {@code evil.example} to loopback, as an attacker's DNS would; other names really. */
    private final Dns resolver = hostname -> hostname.equals("evil.example")
            ? List.of(InetAddress.getByAddress(
                    "evil.example", InetAddress.getLoopbackAddress().getAddress()))
            : Dns.SYSTEM.lookup(hostname);

    private final OkHttpUpstreamClient client = OkHttpUpstreamClient.wrapping(
            new OkHttpClient.Builder()
                    .dns(resolver)
                    .socketFactory(new CountingSocketFactory())
                    .build(),
            new StallGuard(Duration.ofMinutes(1), System::nanoTime),
            hosts);

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UpstreamRequest request(String url) {
        return new UpstreamRequest(
                url,
                Headers.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8),
                OptionalLong.empty(),
                false,
                Cancellation.none());
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedBeforeAnySocketIsOpened() {
        String url = "http://evil.example:" + server.getPort() + "/v1/chat/completions";

        GatewayException refused = assertThrows(GatewayException.class, () -> client.execute(request(url)));

        assertEquals(502, refused.status());
        assertTrue(refused.getMessage().contains("evil.example resolved to a private, loopback"), refused.getMessage());
        assertFalse(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
        assertEquals(0, sockets.get(), "no socket was opened");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theTrustedLoopbackAddressStillConnects() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{}").build());

        try (UpstreamResponse answer =
                client.execute(request("http://127.0.0.1:" + server.getPort() + "/v1/chat/completions"))) {
            assertEquals(200, answer.status());
        }
        assertEquals(1, sockets.get());
    }

    @Test
    void theGatewayAnswers502AndTheUpstreamSeesNothing() throws Exception {
        Gateway gateway = Gateway.builder()
                .customHosts(hosts)
                .upstream(OkHttpUpstreamClient.create(hosts, resolver))
                .build();
        String config = Json.text(Json.object()
                .put("provider", "openai")
                .put("api_key", "sk-1")
                .put("custom_host", "http://evil.example:" + server.getPort() + "/v1"));

        GatewayResponse answer = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .config(config)
                .body("{\"model\":\"gpt-4o\",\"messages\":[]}")
                .build());

        String body = new String(((GatewayResponse.Complete) answer).body(), StandardCharsets.UTF_8);
        assertEquals(502, answer.status(), body);
        assertEquals("true", answer.headers().value("x-portkey-gateway-exception"));
        String message = Json.parse(body).path("message").asText();
        assertTrue(
                message.startsWith("The gateway refused to call the upstream: the host evil.example resolved to"),
                message);
        assertFalse(message.contains("127.0.0.1"), message);
        assertEquals(0, server.getRequestCount());
    }

    /** Counts the sockets OkHttp asks for; it connects them itself. */
    private final class CountingSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() {
            sockets.incrementAndGet();
            return new Socket();
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
