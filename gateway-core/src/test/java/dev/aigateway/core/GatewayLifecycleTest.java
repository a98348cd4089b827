package dev.aigateway.core;

import static dev.aigateway.core.testing.OpenAiFakes.CHAT_BODY;
import static dev.aigateway.core.testing.OpenAiFakes.ok;
import static dev.aigateway.core.testing.OpenAiFakes.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.pipeline.CallInterceptor;
import dev.aigateway.core.testing.TestGateway;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** A gateway releases what it made when closed. */
class GatewayLifecycleTest {
    @Test
    void creatingAndClosingFiftyGatewaysLeavesNoGatewayThreadBehind() throws Exception {
        long before = gatewayThreads();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < 50; i++) {
                server.enqueue(ok("hi"));
                try (Gateway gateway = Gateway.create()) {
                    GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                            .config(target(server.url("/v1").toString(), "k"))
                            .body(CHAT_BODY)
                            .build());
                    assertEquals(200, response.status());
                }
            }
        }
        // Terminated threads may take a moment to leave the thread table.
        for (int i = 0; i < 100 && gatewayThreads() > before; i++) {
            Thread.sleep(20);
        }
        assertEquals(before, gatewayThreads(), "upstream-deadlines threads left: " + threadNames());
    }

    @Test
    void aClosedGatewayAnswers503AndClosesItsExtensions() {
        AtomicInteger closed = new AtomicInteger();
        class Closeable implements CallInterceptor, AutoCloseable {
            @Override
            public GatewayResponse intercept(Chain chain) {
                return chain.proceed(chain.request());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        Gateway gateway = Gateway.builder().addInterceptor(new Closeable()).build();
        gateway.close();
        gateway.close();

        GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                .header("x-portkey-provider", "openai")
                .body(CHAT_BODY)
                .build());

        assertEquals(503, response.status());
        assertEquals(
                "The gateway is shut down",
                TestGateway.text(response).replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
        assertEquals(1, closed.get(), "closed once, however often the gateway is");
    }

    private static long gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("upstream-deadlines"))
                .count();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    @Test
    void treesAreUsedAsTheyAre() throws Exception {
        try (MockWebServer server = new MockWebServer();
                Gateway gateway = Gateway.create()) {
            server.start();
            server.enqueue(ok("hi"));
            var config = dev.aigateway.core.internal.Json.parse(
                    target(server.url("/v1").toString(), "k"));
            var body = dev.aigateway.core.internal.Json.parse(CHAT_BODY);

            GatewayResponse response = gateway.handle(GatewayRequest.builder(Endpoint.CHAT_COMPLETE)
                    .config(config)
                    .body(body)
                    .build());

            assertEquals(200, response.status());
            assertTrue(server.takeRequest().getBody().utf8().contains("\"gpt-4o\""));
        }
    }
}
