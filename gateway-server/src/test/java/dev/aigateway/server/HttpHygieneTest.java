package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Gateway;
import dev.aigateway.server.fakes.InProcessUpstream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a multi-tenant gateway owes every client at the HTTP level: ambiguous body framing is refused
 * (request smuggling), header count and size are bounded, unknown paths get JSON, and no answer or
 * log carries a stack trace or class name.
 */
class HttpHygieneTest {
    private static final int MAX_HEADER_BYTES = 8192;
    private static final String HEALTH = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private final InProcessUpstream upstream = InProcessUpstream.answering();
    private CapturedErrors errors;
    private GatewayServer server;

    @BeforeEach
    void start() {
        errors = new CapturedErrors();
        server = GatewayServer.builder()
                .port(0)
                .maxHeaderBytes(MAX_HEADER_BYTES)
                .gateway(Gateway.builder().upstream(upstream).build())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        String logged = errors.text(); // before stopping: XNIO may log a refused accept while it stops
        server.close();
        errors.close();
        assertEquals("", logged, "nothing printed or logged");
    }

    private RawHttp client() throws IOException {
        return new RawHttp(server.port());
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefusedAndNothingIsSmuggled() throws Exception {
        String smuggled = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "x-portkey-provider: openai\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n" + HEALTH;
        try (RawHttp client = client()) {
            RawHttp.Response answer = client.send(smuggled).response();

            assertEquals(400, answer.status());
            assertTrue(client.closedWithin(RawHttp.READ_BOUND), "no second answer: the connection is closed");
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void twoContentLengthsOrTwoTransferEncodingsAreRefused() throws Exception {
        for (String framing : List.of(
                "Content-Length: 2\r\nContent-Length: 3\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n")) {
            try (RawHttp client = client()) {
                String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n{}";

                assertEquals(400, client.send(request).response().status(), framing);
                assertTrue(client.closedWithin(RawHttp.READ_BOUND));
            }
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void transferCodingsOtherThanChunkedGet501AndTheConnectionCloses() throws Exception {
        for (String coding : List.of("gzip, chunked", "identity", "xchunked")) {
            try (RawHttp client = client()) {
                String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + coding
                        + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n";

                RawHttp.Response answer = client.send(request).response();

                assertEquals(501, answer.status(), coding);
                assertEquals(
                        "{\"status\":\"failure\",\"message\":\"Only the chunked transfer coding is supported\"}",
                        answer.body());
                assertTrue(client.closedWithin(RawHttp.READ_BOUND));
            }
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void headerCountIsBounded() throws Exception {
        try (RawHttp within = client();
                RawHttp over = client()) {
            // Host plus extra headers: exactly the limit, then one more.
            RawHttp.Response served =
                    within.send(get(GatewayServer.MAX_HEADERS - 1, 10)).response();
            RawHttp.Response refused =
                    over.send(get(GatewayServer.MAX_HEADERS, 10)).response();

            assertEquals(200, served.status());
            assertEquals(400, refused.status());
            assertTrue(over.closedWithin(RawHttp.READ_BOUND));
        }
    }

    @Test
    void headerSizeIsBounded() throws Exception {
        try (RawHttp within = client();
                RawHttp over = client()) {
            RawHttp.Response served =
                    within.send(get(1, MAX_HEADER_BYTES - 200)).response();
            RawHttp.Response refused = over.send(get(1, MAX_HEADER_BYTES + 1)).response();

            assertEquals(200, served.status());
            assertEquals(400, refused.status());
            assertTrue(over.closedWithin(RawHttp.READ_BOUND));
        }
    }

    @Test
    void aHeaderValueWithARawNewlineIsRefusedBeforeAnyHandlerWithAnEmpty400() throws Exception {
        // What curl sends for a quoted multi-line -H value: Undertow refuses it itself, with no body.
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "x-portkey-config: {\"provider\":\"openai\",\n  \"api_key\":\"k\"}\r\nContent-Length: 2\r\n\r\n{}";
        try (RawHttp client = client()) {
            RawHttp.Response answer = client.send(request).response();

            assertEquals(400, answer.status());
            assertEquals("", answer.body());
            assertTrue(client.closedWithin(RawHttp.READ_BOUND));
        }
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void aHeaderFoldedWithCrlfAndASpaceIsUnfolded() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "x-portkey-config: {\"provider\":\"openai\",\r\n  \"api_key\":\"k\"}\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n" + body;
        try (RawHttp client = client()) {
            RawHttp.Response answer = client.send(request).response();

            assertEquals(200, answer.status(), answer.body());
        }
        assertEquals(1, upstream.requests().size());
    }

    @Test
    void unknownPathsAndMethodsGetJson404sAndTheConnectionStaysUsable() throws Exception {
        List<String> requests = List.of(
                "GET /v2/models HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "PUT /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}",
                "TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "POST /nothing HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
                "POST /nothing HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        try (RawHttp client = client()) {
            for (String request : requests) {
                RawHttp.Response answer = client.send(request).response();
                String line = request.substring(0, request.indexOf(" HTTP/1.1"));

                assertEquals(404, answer.status(), request);
                assertEquals(
                        "{\"error\":{\"message\":\"The gateway does not serve " + line
                                + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"unknown_route\"}}",
                        answer.body());
                assertEquals("application/json", answer.header("content-type"));
            }
            assertEquals(200, client.send(HEALTH).response().status());
        }
    }

    @Test
    void errorAnswersNameNoClassesAndCarryNoStackTraces() throws Exception {
        List<String> bodies = List.of("{\"model\": ", "[1,2]", "\"text\"", "{\"messages\":" + "[".repeat(5000));
        for (String body : bodies) {
            try (RawHttp client = client()) {
                String request = ChatRequests.head("/v1/chat/completions", body.length(), false) + body;

                RawHttp.Response answer = client.send(request).response();

                assertEquals(400, answer.status(), body);
                assertTrue(answer.body().startsWith("{\"status\":\"failure\",\"message\":"), answer.body());
                for (String leak : List.of("Exception", "dev.aigateway", "com.fasterxml", "io.undertow", "\tat ")) {
                    assertFalse(answer.body().contains(leak), answer.body());
                }
            }
        }
        assertEquals(List.of(), upstream.requests());
    }

    /** A GET / with Host and {@code extra} more headers, the last padded to {@code padding} bytes. */
    private static String get(int extra, int padding) {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 1; i < extra; i++) {
            request.append("x-extra-").append(i).append(": ").append(i).append("\r\n");
        }
        int used = request.length() + "x-pad: \r\n\r\n".length();
        request.append("x-pad: ")
                .append("p".repeat(Math.max(1, padding - used)))
                .append("\r\n\r\n");
        return request.toString();
    }
}
