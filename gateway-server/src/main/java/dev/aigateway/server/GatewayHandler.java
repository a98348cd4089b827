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
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one unified endpoint: checks the content type, reads the body within the size limit
 * without blocking the IO thread ({@link BodyReader}), then hands the request to the gateway on the
 * request executor. JSON bodies are read into memory; multipart forms and raw bytes, which the
 * gateway sends on unread, are spooled to a file ({@link SpooledBody}) deleted once the gateway
 * has answered; routes without a body skip whatever was sent.
 */
final class GatewayHandler implements HttpHandler {
    /** The values the route's path gave its parameters, set by {@link Routes}. */
    static final AttachmentKey<Map<String, String>> PATH_PARAMS = AttachmentKey.create(Map.class);

    private static final Logger LOG = Logger.getLogger(GatewayHandler.class.getName());

    private final Gateway gateway;
    private final Endpoint endpoint;
    private final ExecutorService executor;
    private final BodyReader bodies;
    private final Path spoolDirectory;

    GatewayHandler(Gateway gateway, Endpoint endpoint, ExecutorService executor, BodyReader bodies) {
        this(gateway, endpoint, executor, bodies, Path.of(System.getProperty("java.io.tmpdir")));
    }

    GatewayHandler(
            Gateway gateway, Endpoint endpoint, ExecutorService executor, BodyReader bodies, Path spoolDirectory) {
        this.gateway = gateway;
        this.endpoint = endpoint;
        this.executor = executor;
        this.bodies = bodies;
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.CONTENT_TYPE);
        switch (endpoint.body()) {
            case JSON -> readJson(exchange, contentType);
            case NONE -> bodies.skip(exchange, ex -> dispatch(ex, new byte[0], Optional.empty()));
            case MULTIPART -> {
                if (mediaType(contentType).equals("multipart/form-data")) {
                    spool(exchange, contentType);
                } else {
                    refuseContentType(exchange);
                }
            }
            case ANY -> readAny(exchange, contentType);
        }
    }

    /**
     * The proxy: no body for {@code GET} and {@code DELETE}; JSON (or no content type) read;
     * multipart forms and bytes ({@code audio/*}, {@code application/octet-stream}) spooled;
     * anything else refused, as Portkey refuses it.
     */
    private void readAny(HttpServerExchange exchange, String contentType) {
        String method = exchange.getRequestMethod().toString();
        String type = mediaType(contentType);
        if (method.equals("GET") || method.equals("DELETE")) {
            bodies.skip(exchange, ex -> dispatch(ex, new byte[0], Optional.empty()));
        } else if (isJson(contentType)) {
            readJson(exchange, contentType);
        } else if (type.equals("multipart/form-data")
                || type.startsWith("audio/")
                || type.equals("application/octet-stream")) {
            spool(exchange, contentType);
        } else {
            refuseContentType(exchange);
        }
    }

    private void readJson(HttpServerExchange exchange, String contentType) {
        if (!isJson(contentType)) {
            refuseContentType(exchange);
            return;
        }
        bodies.read(exchange, (ex, body) -> dispatch(ex, body, Optional.empty()), this::tooBig);
    }

    private void spool(HttpServerExchange exchange, String contentType) {
        SpooledBody spooled;
        try {
            spooled = SpooledBody.create(spoolDirectory, contentType);
        } catch (IOException e) {
            LOG.log(
                    Level.WARNING,
                    "could not create a spool file: " + e.getClass().getSimpleName());
            bodies.skip(exchange, ex -> Responses.failure(ex, 500, "The request body could not be stored"));
            return;
        }
        bodies.read(exchange, spooled, (ex, body) -> dispatch(ex, new byte[0], Optional.of(body)), this::tooBig);
    }

    // Each route refuses in its own format (Anthropic's error shape on /v1/messages).

    private void refuseContentType(HttpServerExchange exchange) {
        bodies.skip(
                exchange,
                ex -> Responses.json(
                        ex, 400, Json.bytes(endpoint.format().failureBody(400, "Invalid content type passed"))));
    }

    private void tooBig(HttpServerExchange exchange) {
        Responses.json(
                exchange, 413, Json.bytes(endpoint.format().requestError(413, tooBigMessage(), "request_too_large")));
    }

    private void dispatch(HttpServerExchange exchange, byte[] body, Optional<SpooledBody> spooled) {
        // Handed over once the IO thread is done with the exchange. The disconnect watch starts
        // from here, the IO thread, so it costs no wake-up of that thread; a full executor answers
        // here, where Undertow would otherwise send an empty 503 itself.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            DisconnectWatcher watcher = DisconnectWatcher.start(exchange);
            try {
                executor.execute(() -> serve(exchange, body, spooled, watcher));
            } catch (RejectedExecutionException e) {
                watcher.stop();
                spooled.ifPresent(SpooledBody::discard);
                Responses.failure(exchange, 503, "The gateway is overloaded; try again shortly");
            }
        });
    }

    private void serve(
            HttpServerExchange exchange, byte[] body, Optional<SpooledBody> spooled, DisconnectWatcher watcher) {
        GatewayResponse response;
        try {
            Cancellation cancellation = ConnectionCancellations.register(exchange);
            ServerAnswers.byGateway(exchange); // counted by the gateway's listeners, not the server's
            Runnable answered = Drain.awaitingAnswer(exchange, cancellation);
            try {
                response =
                        Drain.track(exchange, endpoint, gateway.handle(request(exchange, body, spooled, cancellation)));
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
        } finally {
            // Every upstream call has sent the body by the time the gateway answers.
            spooled.ifPresent(SpooledBody::discard);
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

    private GatewayRequest request(
            HttpServerExchange exchange, byte[] body, Optional<SpooledBody> spooled, Cancellation cancellation) {
        GatewayRequest.Builder request = GatewayRequest.builder(endpoint)
                .path(exchange.getRequestPath())
                .method(exchange.getRequestMethod().toString())
                .query(Objects.requireNonNullElse(exchange.getQueryString(), ""))
                .headers(headers(exchange))
                .body(body)
                .cancellation(cancellation);
        Map<String, String> params = exchange.getAttachment(PATH_PARAMS);
        if (params != null) {
            params.forEach(request::pathParam);
        }
        spooled.ifPresent(file -> request.body(file.rawBody()));
        return request.build();
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
        return mediaType(contentType).equals("application/json");
    }

    /** The media type without parameters, lower-cased; empty when there is none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private String tooBigMessage() {
        return "The request body is larger than the gateway's limit of " + bodies.limit() + " bytes";
    }
}
