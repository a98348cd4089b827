package dev.aigateway.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Set;

/**
 * Tells a listener about the answers the server gives on its own, without the gateway: a 404, a
 * 413 body, a 415 content type, a 503 when overloaded or draining. Requests the gateway answers
 * are marked ({@link #byGateway}) and left to its event listeners. The route is a known path or
 * {@code other}, never a raw path.
 */
final class ServerAnswers implements HttpHandler {
    /** Hears one answer the server gave itself. */
    @FunctionalInterface
    interface Listener {
        Listener NONE = (route, status) -> {};

        void answered(String route, int status);
    }

    private static final AttachmentKey<Boolean> BY_GATEWAY = AttachmentKey.create(Boolean.class);
    private static final Set<String> KNOWN = Set.of(
            "/",
            "/v1/chat/completions",
            "/v1/completions",
            "/v1/embeddings",
            "/v1/responses",
            "/v1/messages",
            "/v1/messages/count_tokens",
            "/v1/models",
            "/health",
            "/ready",
            "/metrics",
            "/public",
            "/log/stream");

    private final HttpHandler next;
    private final Listener listener;

    ServerAnswers(HttpHandler next, Listener listener) {
        this.next = next;
        this.listener = listener;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                if (done.getAttachment(BY_GATEWAY) == null) {
                    listener.answered(route(done.getRequestPath()), done.getStatusCode());
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    /** The gateway answers this exchange: its listeners count it. */
    static void byGateway(HttpServerExchange exchange) {
        exchange.putAttachment(BY_GATEWAY, Boolean.TRUE);
    }

    static String route(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return KNOWN.contains(trimmed) ? trimmed : "other";
    }
}
