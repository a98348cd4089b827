package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.internal.Json;
import dev.aigateway.server.fakes.InProcessUpstream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} is answered, so clients that wait for it (curl, for bodies over
 * 1 MB) send at once instead of after their own timeout; a body the gateway will refuse is refused
 * instead of the 100. The client here waits for the 100 as curl does, with a bounded wait.
 */
class ExpectContinueTest {
    private static final int LIMIT = 64 * 1024;

    private final InProcessUpstream upstream = InProcessUpstream.answering();
    private GatewayServer server;

    @BeforeEach
    void start() {
        server = GatewayServer.builder()
                .port(0)
                .maxBodyBytes(LIMIT)
                .gateway(Gateway.builder().upstream(upstream).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientWaitingForContinueGetsItAndItsBodyReachesTheUpstream() throws Exception {
        byte[] body = ChatRequests.body(LIMIT);
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(ChatRequests.head("/v1/chat/completions", body.length, true));

            RawHttp.Response interim = client.response(); // bounded by RawHttp.READ_BOUND

            assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
            client.send(body);
            RawHttp.Response answer = client.response();
            assertEquals(200, answer.status(), answer.body());
            assertEquals(Json.parse(body), Json.parse(upstream.requests().get(0).body()));
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitGets413InsteadOf100() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(ChatRequests.head("/v1/chat/completions", LIMIT + 1, true));

            RawHttp.Response answer = client.response();

            assertEquals(413, answer.status());
            assertEquals(
                    "{\"error\":{\"message\":\"The request body is larger than the gateway's limit of "
                            + LIMIT + " bytes\",\"type\":\"invalid_request_error\",\"param\":null,"
                            + "\"code\":\"request_too_large\"}}",
                    answer.body());
            assertEquals("close", answer.header("connection"), "the body was never asked for");
            assertTrue(client.closedWithin(RawHttp.READ_BOUND));
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void requestsRefusedBeforeTheirBodyGetTheirAnswerInsteadOf100() throws Exception {
        String wrongType = ChatRequests.head("/v1/chat/completions", 2, true).replace("application/json", "text/plain");
        String unknownPath = ChatRequests.head("/v2/nothing-here", 2, true);
        try (RawHttp typed = new RawHttp(server.port());
                RawHttp lost = new RawHttp(server.port())) {
            RawHttp.Response badType = typed.send(wrongType).response();
            RawHttp.Response notFound = lost.send(unknownPath).response();

            assertEquals(400, badType.status());
            assertEquals("{\"status\":\"failure\",\"message\":\"Invalid content type passed\"}", badType.body());
            assertEquals(404, notFound.status());
            assertTrue(notFound.body().contains("The gateway does not serve POST /v2/nothing-here"), notFound.body());
            assertTrue(typed.closedWithin(RawHttp.READ_BOUND));
            assertTrue(lost.closedWithin(RawHttp.READ_BOUND));
        }
    }

    @Test
    void aChunkedBodyIsAskedForAndCountedAsItComes() throws Exception {
        byte[] body = ChatRequests.body(LIMIT + 1);
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(ChatRequests.head("/v1/chat/completions", -1, true));
            assertEquals(100, client.response().status(), "a chunked body has no length to judge it by");

            client.send(ChatRequests.chunked(body, 8192));

            assertEquals(413, client.response().status());
        }
        assertEquals(List.of(), upstream.requests());
    }
}
