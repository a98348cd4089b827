package dev.aigateway.server;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The route table (Portkey's {@code src/index.ts}): {@code GET /} answers a health text,
 * {@code POST /v1/chat/completions}, {@code /v1/completions} and {@code /v1/embeddings} go to the
 * gateway, anything else is a 404 JSON error.
 */
final class Routes implements HttpHandler {
    static final String HEALTH_TEXT = "AI Gateway says hey!";
    private static final byte[] NOT_FOUND = "{\"message\":\"Not Found\",\"ok\":false}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, HttpHandler> posts;

    Routes(Gateway gateway, ExecutorService executor, long maxBodyBytes) {
        this.posts = Map.of(
                "/v1/chat/completions", new GatewayHandler(gateway, Endpoint.CHAT_COMPLETE, executor, maxBodyBytes),
                "/v1/completions", new GatewayHandler(gateway, Endpoint.COMPLETE, executor, maxBodyBytes),
                "/v1/embeddings", new GatewayHandler(gateway, Endpoint.EMBED, executor, maxBodyBytes));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (Methods.GET.equals(exchange.getRequestMethod()) && path.equals("/")) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
            exchange.getResponseSender().send(HEALTH_TEXT);
            return;
        }
        HttpHandler handler = Methods.POST.equals(exchange.getRequestMethod()) ? posts.get(path) : null;
        if (handler == null) {
            Responses.json(exchange, 404, NOT_FOUND);
            return;
        }
        handler.handleRequest(exchange);
    }
}
