package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import dev.aigateway.server.fakes.InProcessUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that stall are closed, silent streams are not, and connections beyond the maximum
 * wait to be accepted. Timeouts are short (300 ms) and the waits for a close generous (10 s).
 */
class ConnectionLimitsTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String HEALTH = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private GatewayServer start(GatewayServer.Builder builder) {
        server = builder.port(0).build().start();
        return server;
    }

    @Test
    void clientsThatSendHalfARequestAndStallAreClosedAfterTheParseTimeout() throws Exception {
        start(GatewayServer.builder()
                .requestParseTimeout(SHORT)
                .noRequestTimeout(LONG)
                .idleTimeout(LONG));
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String half = i % 2 == 0
                        ? "POST /v1/chat/completions HTTP/1.1\r\nHost: local"
                        : "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
                stalled.add(new RawHttp(server.port()).send(half));
            }
            for (RawHttp client : stalled) {
                assertTrue(client.closedWithin(RawHttp.READ_BOUND), "a half-sent request holds no connection");
            }
        } finally {
            for (RawHttp client : stalled) {
                client.close();
            }
        }
    }

    @Test
    void aClientSendingItsHeadersAByteAtATimeIsStillCutByTheParseTimeout() throws Exception {
        start(GatewayServer.builder()
                .requestParseTimeout(SHORT)
                .noRequestTimeout(LONG)
                .idleTimeout(LONG));
        byte[] request = ChatRequests.head("/v1/chat/completions", 10, false).getBytes(StandardCharsets.US_ASCII);
        try (RawHttp client = new RawHttp(server.port())) {
            boolean closed = false;
            for (int i = 0; i < request.length && !closed; i++) {
                try {
                    client.send(new byte[] {request[i]});
                    closed = !client.silentFor(Duration.ofMillis(50)); // the end of the connection
                } catch (java.io.IOException e) {
                    closed = true; // a reset
                }
            }
            assertTrue(closed, "cut before its " + request.length + " bytes were sent, 50 ms apart");
        }
    }

    @Test
    void connectionsWithoutARequestAreClosedAfterTheNoRequestTimeout() throws Exception {
        start(GatewayServer.builder()
                .requestParseTimeout(LONG)
                .noRequestTimeout(SHORT)
                .idleTimeout(LONG));
        try (RawHttp keptAlive = new RawHttp(server.port());
                RawHttp silent = new RawHttp(server.port())) {
            assertEquals(200, keptAlive.send(HEALTH).response().status());

            assertTrue(keptAlive.closedWithin(RawHttp.READ_BOUND), "kept alive, then no next request");
            assertTrue(silent.closedWithin(RawHttp.READ_BOUND), "opened, then nothing sent");
        }
    }

    @Test
    void aBodyThatStallsGets408AndTheConnectionClosesAfterTheBodyTimeout() throws Exception {
        start(GatewayServer.builder().requestBodyTimeout(SHORT).idleTimeout(LONG));
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(ChatRequests.head("/v1/chat/completions", 1000, false) + "{\"model\":");

            RawHttp.Response answer = client.response();

            assertEquals(408, answer.status());
            assertEquals(
                    "{\"status\":\"failure\",\"message\":\"The request body stopped arriving for 300 ms\"}",
                    answer.body());
            assertTrue(client.closedWithin(RawHttp.READ_BOUND));
        }
    }

    @Test
    void anUpstreamSlowerThanEveryTimeoutIsWaitedFor() throws Exception {
        InProcessUpstream upstream = InProcessUpstream.answeringAfter(Duration.ofMillis(1200));
        start(GatewayServer.builder()
                .gateway(Gateway.builder().upstream(upstream).build())
                .requestParseTimeout(SHORT)
                .noRequestTimeout(SHORT)
                .requestBodyTimeout(SHORT)
                .idleTimeout(SHORT));
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        try (RawHttp client = new RawHttp(server.port())) {
            assertEquals(200, client.send(HEALTH).response().status(), "an earlier answer on the connection");
            client.send(ChatRequests.head("/v1/chat/completions", body.length(), false) + body);

            RawHttp.Response answer = client.response();

            assertEquals(200, answer.status(), "no timeout runs while the answer is being prepared");
            assertTrue(answer.body().contains("\"Hello\""), answer.body());
        }
    }

    @Test
    void aClientThatStopsReadingAnAnswerIsClosedAfterTheIdleTimeout() throws Exception {
        String[] events = new String[20_000];
        java.util.Arrays.fill(events, chunk("x".repeat(1000)));
        InProcessUpstream upstream = InProcessUpstream.streaming(Duration.ZERO, events);
        start(GatewayServer.builder()
                .gateway(Gateway.builder().upstream(upstream).build())
                .idleTimeout(SHORT));
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(streamRequest()); // some 20 MB of events, far more than the socket buffers hold

            // Not a timing assertion: the client must stop reading for longer than the timeout.
            Thread.sleep(SHORT.multipliedBy(5).toMillis());

            assertFalse(readsWholeAnswer(client), "the server gave up on the stalled client");
        }
    }

    @Test
    void aStreamSilentForLongerThanTheParseAndNoRequestTimeoutsIsNotCut() throws Exception {
        InProcessUpstream upstream = InProcessUpstream.streaming(Duration.ofMillis(1200), chunk("Hel"), chunk("lo"));
        start(GatewayServer.builder()
                .gateway(Gateway.builder().upstream(upstream).build())
                .requestParseTimeout(SHORT)
                .noRequestTimeout(SHORT));
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(streamRequest());

            RawHttp.Response answer = client.response();

            assertEquals(200, answer.status());
            assertTrue(answer.body().contains("\"content\":\"Hel\""), answer.body());
            assertTrue(answer.body().contains("\"content\":\"lo\""), answer.body());
            assertTrue(answer.body().endsWith("data: [DONE]\n\n"), answer.body());
        }
    }

    @Test
    void aStreamSilentForLongerThanTheIdleTimeoutIsCutAtItsNextWrite() throws Exception {
        InProcessUpstream upstream = InProcessUpstream.streaming(Duration.ofMillis(1200), chunk("Hel"), chunk("lo"));
        start(GatewayServer.builder()
                .gateway(Gateway.builder().upstream(upstream).build())
                .idleTimeout(SHORT));
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(streamRequest());

            // The documented reason the idle timeout must exceed the upstream stall guard.
            assertFalse(readsWholeAnswer(client), "the write after a silence longer than the idle timeout failed");
        }
    }

    @Test
    void connectionsBeyondTheMaximumWaitUntilAnotherCloses() throws Exception {
        start(GatewayServer.builder().maxConnections(2));
        RawHttp first = new RawHttp(server.port());
        try (RawHttp second = new RawHttp(server.port());
                RawHttp third = new RawHttp(server.port())) {
            assertEquals(200, first.send(HEALTH).response().status());
            assertEquals(200, second.send(HEALTH).response().status());

            third.send(HEALTH); // connected and sent: the operating system queues it
            assertTrue(third.silentFor(Duration.ofMillis(500)), "not served while two connections are open");
            first.close();

            assertEquals(200, third.response().status(), "accepted and served once one closed");
            assertEquals(200, second.send(HEALTH).response().status());
        } finally {
            first.close();
        }
    }

    private static boolean readsWholeAnswer(RawHttp client) {
        try {
            return client.response().body().endsWith("data: [DONE]\n\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String chunk(String content) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }

    private static byte[] streamRequest() {
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        return (ChatRequests.head("/v1/chat/completions", body.length(), false) + body)
                .getBytes(StandardCharsets.UTF_8);
    }
}
