package dev.aigateway.server;

import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.Gateway;
import dev.aigateway.core.GatewayRequest;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.SameThreadExecutor;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one unified endpoint: checks the content type, reads the body within the size limit
 * without blocking the IO thread ({@link BodyReader}), then hands the request to the gateway on the
 * request executor.
 */
final class GatewayHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(GatewayHandler.class.getName());

    private final Gateway gateway;
    private final Endpoint endpoint;
    private final ExecutorService executor;
    private final BodyReader bodies;

    GatewayHandler(Gateway gateway, Endpoint endpoint, ExecutorService executor, BodyReader bodies) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.executor = executor;
        this.bodies = bodies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!isJson(exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.CONTENT_TYPE))) {
            bodies.skip(
                    exchange,
                    ex -> Responses.json(
                            ex, 400, Json.bytes(endpoint.format().failureBody(400, "Invalid content type passed"))));
            return;
        }
        // Each route answers in its own format (Anthropic's error shape on /v1/messages).
        bodies.read(
                exchange,
                this::dispatch,
                ex -> Responses.json(
                        ex, 413, Json.bytes(endpoint.format().requestError(413, tooBig(), "request_too_large"))));
    }

    private void dispatch(HttpServerExchange exchange, byte[] body) {
        // Handed over once the IO thread is done with the exchange. The disconnect watch starts
        // from here, the IO thread, so it costs no wake-up of that thread; a full executor answers
        // here, where Undertow would otherwise send an empty 503 itself.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            DisconnectWatcher watcher = DisconnectWatcher.start(exchange);
            try {
                executor.execute(() -> serve(exchange, body, watcher));
            } catch (RejectedExecutionException e) {
                watcher.stop();
                Responses.failure(exchange, 503, "The gateway is overloaded; try again shortly");
            }
        });
    }

    private void serve(HttpServerExchange exchange, byte[] body, DisconnectWatcher watcher) {
        GatewayResponse response;
        try {
            Cancellation cancellation = ConnectionCancellations.register(exchange);
            GatewayRequest request = GatewayRequest.builder(endpoint)
                    .path(exchange.getRequestPath())
                    .headers(headers(exchange))
                    .body(body)
                    .cancellation(cancellation)
                    .build();
            ServerAnswers.byGateway(exchange); // counted by the gateway's listeners, not the server's
            Runnable answered = Drain.awaitingAnswer(exchange, cancellation);
            try {
                response = Drain.track(exchange, endpoint, gateway.handle(request));
            } finally {
                answered.run();
            }
        } catch (RuntimeException e) {
            // A bug, not bad input (the gateway answers that itself): no details, type only in the log.
            watcher.stop();
            LOG.log(Level.WARNING, "request failed: " + e.getClass().getSimpleName());
            exchange.setPersistent(false);
            Responses.failure(exchange, 500, "Something went wrong");
            return;
        }
        try {
            // The watch stops right before writing, so that Undertow owns the read side again.
            Responses.write(exchange, response, watcher::stop);
        } catch (RuntimeException e) {
            watcher.stop();
            response.discard();
            LOG.log(Level.WARNING, "could not write an answer: " + e.getClass().getSimpleName());
            exchange.endExchange();
        }
    }

    private static Headers headers(HttpServerExchange exchange) {
        Headers.Builder headers = Headers.builder();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            for (String value : values) {
                headers.add(name, value);
            }
        }
        return headers.build();
    }

    /** JSON, or no content type at all (Portkey accepts a missing one). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private String tooBig() {
        return "The request body is larger than the gateway's limit of " + bodies.limit() + " bytes";
    }
}
