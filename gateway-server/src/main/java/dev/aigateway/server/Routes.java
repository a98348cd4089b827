package dev.aigateway.server;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The route table (Portkey's {@code src/index.ts}): {@code GET /} answers a health text,
 * every endpoint at its method and path under {@code /v1} goes to the gateway (chat completions,
 * completions, embeddings, Responses, Anthropic's Messages and token counting, then OpenAI's other
 * routes: images, audio, moderations, models, files, batches, stored responses), then the proxy
 * takes any other {@code GET}, {@code POST} or {@code DELETE} under {@code /v1}; anything else is
 * a 404 in OpenAI's error envelope. Requests whose body framing the gateway does not accept are
 * refused first, and every answer that does not need the body skips it within the body limit.
 */
final class Routes implements HttpHandler {
    static final String HEALTH_TEXT = "AI Gateway says hey!";
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());

    /** The longest part of an unknown path quoted back in the 404. */
    private static final int QUOTED_PATH = 200;

    private final RouteTable routes = new RouteTable();
    private final HttpHandler proxy;
    private final BodyReader bodies;
    /** GET routes the server adds: the probes, and the model aliases of a config file. */
    private final Map<String, HttpHandler> gets;

    Routes(Gateway gateway, ExecutorService executor, BodyReader bodies) {
        this(gateway, executor, bodies, Map.of(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param gets GET routes the server adds (the probes, a config file's model aliases); they win
     *     over the gateway's own routes at the same path
     * @param spoolDirectory where multipart and binary bodies are spooled while they are served
     */
    Routes(
            Gateway gateway,
            ExecutorService executor,
            BodyReader bodies,
            Map<String, HttpHandler> gets,
            Path spoolDirectory) {
        this.bodies = bodies;
        this.gets = Map.copyOf(gets);
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint != Endpoint.PROXY) {
                routes.add(
                        endpoint.method(),
                        "/v1" + endpoint.openAiPath(),
                        new GatewayHandler(gateway, endpoint, executor, bodies, spoolDirectory));
            }
        }
        this.proxy = new GatewayHandler(gateway, Endpoint.PROXY, executor, bodies, spoolDirectory);
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
        String method = exchange.getRequestMethod().toString();
        Optional<RouteTable.Match> match = routes.match(method, path);
        if (match.isPresent()) {
            if (!match.get().params().isEmpty()) {
                exchange.putAttachment(GatewayHandler.PATH_PARAMS, match.get().params());
            }
            match.get().handler().handleRequest(exchange);
        } else if (proxied(method, path)) {
            proxy.handleRequest(exchange);
        } else {
            String shown = path.length() > QUOTED_PATH ? path.substring(0, QUOTED_PATH) + "..." : path;
            bodies.skip(
                    exchange,
                    ex -> Responses.openAiError(
                            ex, 404, "The gateway does not serve " + method + " " + shown, "unknown_route"));
        }
    }

    /**
     * Portkey's catch-all: {@code GET}, {@code POST} and {@code DELETE} under {@code /v1}, except
     * {@code /v1/realtime}, a WebSocket route the gateway does not serve.
     */
    private static boolean proxied(String method, String path) {
        boolean proxiedMethod = method.equals("GET") || method.equals("POST") || method.equals("DELETE");
        return proxiedMethod
                && path.startsWith("/v1/")
                && !(path.equals("/v1/realtime") || path.startsWith("/v1/realtime/"));
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
