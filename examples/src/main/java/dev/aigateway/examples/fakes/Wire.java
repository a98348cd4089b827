package dev.aigateway.examples.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.internal.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reading requests and writing answers on a blocking exchange, shared by both fakes. */
final class Wire {
    /** Far above anything the examples send; a larger body is not a chat request. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private Wire() {}

    /** The request body as JSON, or empty when it is missing, too large or not JSON. */
    static Optional<JsonNode> readJson(HttpServerExchange exchange) throws IOException {
        byte[] body = exchange.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.parseOrNull(body));
    }

    static void sendJson(HttpServerExchange exchange, int status, JsonNode body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getResponseSender().send(Json.text(body), StandardCharsets.UTF_8);
    }

    /** Starts a 200 answer of {@code contentType} whose body is written and flushed piece by piece. */
    static OutputStream startStream(HttpServerExchange exchange, String contentType) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        return exchange.getOutputStream();
    }

    /**
     * Writes one {@code data:} event and flushes it, so the gateway sees the stream arrive piece by
     * piece as it would from the real provider.
     */
    static void sendEvent(OutputStream out, String data, String lineEnd) throws IOException {
        out.write(("data: " + data + lineEnd + lineEnd).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
