package dev.aigateway.server;

import io.undertow.server.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The probes a load balancer or an orchestrator asks, without a gateway key: {@code GET /health}
 * (the process serves: always 200) and {@code GET /ready} (200 once the server listens, 503 while
 * it drains before shutting down, so that no new traffic is sent its way).
 */
final class Probes {
    private static final byte[] LIVE = json("{\"status\":\"ok\"}");
    private static final byte[] READY = json("{\"status\":\"ready\"}");
    private static final byte[] DRAINING = json("{\"status\":\"draining\"}");

    private Probes() {}

    static HttpHandler health() {
        return exchange -> Responses.json(exchange, 200, LIVE);
    }

    static HttpHandler ready(BooleanSupplier draining) {
        return exchange -> {
            boolean drains = draining.getAsBoolean();
            Responses.json(exchange, drains ? 503 : 200, drains ? DRAINING : READY);
        };
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
