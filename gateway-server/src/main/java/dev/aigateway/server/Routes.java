package dev.aigateway.server;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The route table (Portkey's {@code src/index.ts}): {@code GET /} answers a health text,
 * {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings},
 * {@code /v1/responses}, {@code /v1/messages} and {@code /v1/messages/count_tokens} go to the
 * gateway, anything else is a 404 JSON error. Requests whose body framing the gateway does not
 * accept are refused first, and every answer that does not need the body skips it within the body
 * limit.
 */
final class Routes implements HttpHandler {
    static final String HEALTH_TEXT = "AI Gateway says hey!";
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());
    private static final byte[] NOT_FOUND = "{\"message\":\"Not Found\",\"ok\":false}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, HttpHandler> posts;
    private final BodyReader bodies;
    /** GET routes the server adds: the probes, and the model aliases of a config file. */
    private final Map<String, HttpHandler> gets;

    Routes(Gateway gateway, ExecutorService executor, BodyReader bodies) {
        this(gateway, executor, bodies, Map.of());
    }

    Routes(Gateway gateway, ExecutorService executor, BodyReader bodies, Map<String, HttpHandler> gets) {
        this.bodies = bodies;
        this.gets = Map.copyOf(gets);
        this.posts = Map.of(
                "/v1/chat/completions", new GatewayHandler(gateway, Endpoint.CHAT_COMPLETE, executor, bodies),
                "/v1/completions", new GatewayHandler(gateway, Endpoint.COMPLETE, executor, bodies),
                "/v1/embeddings", new GatewayHandler(gateway, Endpoint.EMBED, executor, bodies),
                "/v1/responses", new GatewayHandler(gateway, Endpoint.RESPONSES, executor, bodies),
                "/v1/messages", new GatewayHandler(gateway, Endpoint.MESSAGES, executor, bodies),
                "/v1/messages/count_tokens",
                        new GatewayHandler(gateway, Endpoint.MESSAGES_COUNT_TOKENS, executor, bodies));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            route(exchange);
        } catch (Exception e) {
            // A bug, not bad input: say so without details, and close the connection after.
            LOG.log(Level.WARNING, "request failed: " + e.getClass().getSimpleName());
            if (!exchange.isResponseStarted()) {
                exchange.setPersistent(false);
                Responses.failure(exchange, 500, "Something went wrong");
            }
        }
    }

    private void route(HttpServerExchange exchange) throws Exception {
        if (!acceptedFraming(exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING))) {
            // Undertow reads any transfer coding as chunked; a proxy in front might not. Refuse
            // rather than guess where the body ends (RFC 9112, section 6.1).
            exchange.setPersistent(false);
            Connectors.terminateRequest(exchange);
            Responses.failure(exchange, 501, "Only the chunked transfer coding is supported");
            return;
        }
        String path = exchange.getRequestPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (Methods.GET.equals(exchange.getRequestMethod()) && path.equals("/")) {
            bodies.skip(exchange, Routes::health);
            return;
        }
        HttpHandler get = Methods.GET.equals(exchange.getRequestMethod()) ? gets.get(path) : null;
        if (get != null) {
            bodies.skip(exchange, ex -> serve(get, ex));
            return;
        }
        HttpHandler handler = Methods.POST.equals(exchange.getRequestMethod()) ? posts.get(path) : null;
        if (handler == null) {
            bodies.skip(exchange, ex -> Responses.json(ex, 404, NOT_FOUND));
            return;
        }
        handler.handleRequest(exchange);
    }

    private static void serve(HttpHandler handler, HttpServerExchange exchange) {
        try {
            handler.handleRequest(exchange);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "request failed: " + e.getClass().getSimpleName());
            if (!exchange.isResponseStarted()) {
                exchange.setPersistent(false);
                Responses.failure(exchange, 500, "Something went wrong");
            }
        }
    }

    private static void health(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseSender().send(HEALTH_TEXT);
    }

    /** No transfer coding, or exactly {@code chunked} (Undertow already refuses two codings headers). */
    static boolean acceptedFraming(HeaderValues transferEncoding) {
        return transferEncoding == null
                || transferEncoding.getFirst().strip().toLowerCase(Locale.ROOT).equals("chunked");
    }
}
