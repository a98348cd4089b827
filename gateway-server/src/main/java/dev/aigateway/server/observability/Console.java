package dev.aigateway.server.observability;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The live request console: {@code GET /public/} serves a page that lists requests as they end,
 * fed by the server-sent events of {@code GET /log/stream}, one JSON event per request (the access
 * log's fields; bodies only with {@code --log-bodies}). Both need {@link AdminAccess}: without it
 * the page is a login form and the stream a 401. As a {@link CallSink} it sends each call to the
 * open streams, and costs nothing while none is open.
 */
public final class Console implements CallSink, AutoCloseable {
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final AdminAccess access;
    private final boolean withBodies;
    private final ServerSentEventHandler events =
            new ServerSentEventHandler((connection, lastEventId) -> connection.setKeepAliveTime(KEEP_ALIVE_MILLIS));
    private final byte[] page = resource("console.html");
    private final byte[] login = resource("console-login.html");

    public Console(AdminAccess access, boolean withBodies) {
        this.access = access;
        this.withBodies = withBodies;
    }

    @Override
    public void accept(CallRecord call) {
        if (events.getConnections().isEmpty()) {
            return;
        }
        String json = RecordJson.of(call, withBodies);
        for (ServerSentEventConnection connection : events.getConnections()) {
            connection.send(json, "request", null, null);
        }
    }

    /** {@code GET /public/}: the console, or the login form. */
    public HttpHandler page() {
        return exchange -> {
            boolean allowed = access.allows(exchange);
            exchange.setStatusCode(allowed ? 200 : 401);
            exchange.getResponseHeaders()
                    .put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8")
                    .put(Headers.CACHE_CONTROL, "no-store")
                    .put(Headers.X_FRAME_OPTIONS, "DENY")
                    .put(Headers.REFERRER_POLICY, "no-referrer")
                    .put(
                            Headers.CONTENT_SECURITY_POLICY,
                            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                                    + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'");
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(allowed ? page : login));
        };
    }

    /** {@code GET /log/stream}: the events, to an admin only. */
    public HttpHandler stream() {
        return exchange -> {
            if (!access.allows(exchange)) {
                unauthorized(exchange);
                return;
            }
            events.handleRequest(exchange);
        };
    }

    private static void unauthorized(HttpServerExchange exchange) {
        exchange.setStatusCode(401);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "application/json")
                .put(Headers.WWW_AUTHENTICATE, "Bearer");
        exchange.getResponseSender()
                .send(
                        "{\"error\":{\"message\":\"The console needs the admin token (--admin-token) or a gateway key"
                                + " marked admin\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"admin_required\"}}");
    }

    /** Ends the open streams (at shutdown). */
    @Override
    public void close() {
        for (ServerSentEventConnection connection : events.getConnections()) {
            try {
                connection.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
