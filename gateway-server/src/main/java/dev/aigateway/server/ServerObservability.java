package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import dev.aigateway.core.event.CallInfo;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.server.observability.AccessLog;
import dev.aigateway.server.observability.AdminAccess;
import dev.aigateway.server.observability.BodyCapture;
import dev.aigateway.server.observability.CallRecorder;
import dev.aigateway.server.observability.CallSink;
import dev.aigateway.server.observability.Console;
import dev.aigateway.server.observability.CostHeader;
import dev.aigateway.server.observability.GatewayMetrics;
import dev.aigateway.server.observability.PriceTable;
import dev.aigateway.server.observability.Tracing;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The server's metrics, access log, traces and console (docs/observability.md), as {@link
 * GatewayAssembly} adds them to the gateway and {@link Main} to the routes: one {@link
 * CallRecorder} listens to every call and hands each finished one to the metrics, the access log,
 * the console and the trace exporter. Reads the gateway key's and the named config's names from
 * what {@link KeyAccess} leaves on the call, never the key.
 */
final class ServerObservability {
    private final ObservabilityOptions options;
    private final PriceTable prices;
    private final Optional<GatewayMetrics> metrics;
    private final Console console;
    private final Tracing tracing;
    private final List<CallSink> sinks = new ArrayList<>();

    private ServerObservability(ServerOptions server, Map<String, String> env, Optional<Consumer<String>> accessLines) {
        this.options = server.observability();
        this.prices = options.prices().map(PriceTable::shippedWith).orElseGet(PriceTable::shipped);
        this.metrics = options.metrics() ? Optional.of(new GatewayMetrics()) : Optional.empty();
        Optional<ConfigFile> file = server.configFile();
        this.console = new Console(
                new AdminAccess(options.adminToken(), presented -> file.flatMap(
                                f -> f.current().keyFor(presented))
                        .map(GatewayKey::admin)
                        .orElse(false)),
                options.logBodies());
        this.tracing = Tracing.fromEnvironment(env);
        metrics.ifPresent(sinks::add);
        if (!options.quiet()) {
            sinks.add(accessLines
                    .map(lines -> AccessLog.to(options.logFormat(), lines))
                    .orElseGet(() -> AccessLog.slf4j(options.logFormat())));
        }
        if (options.adminToken().isPresent() || file.isPresent()) {
            // With neither nobody can open it; a config file may gain an admin key on a reload.
            sinks.add(console);
        }
        if (tracing.exports()) {
            sinks.add(tracing);
        }
    }

    /** As {@code options} and the process environment ({@code OTEL_*}) say. */
    static ServerObservability create(ServerOptions options) {
        return new ServerObservability(options, System.getenv(), Optional.empty());
    }

    /** With {@code env} for the {@code OTEL_*} variables and the access log's lines to {@code lines}. */
    static ServerObservability create(ServerOptions options, Map<String, String> env, Consumer<String> lines) {
        return new ServerObservability(options, env, Optional.of(lines));
    }

    /**
     * Adds the listener, the trace links and the cost header to the gateway, first in the call
     * chain. With nothing to report to (no metrics, no access log, no console, no exporter) only
     * the trace context is passed on: the hot path then runs as it would without this.
     */
    void install(Gateway.Builder builder) {
        builder.addInterceptor(tracing)
                .addAttemptInterceptor(tracing.attempts())
                .closeWith(tracing);
        if (sinks.isEmpty()) {
            return;
        }
        builder.addEventListenerFactory(new CallRecorder(
                        sinks,
                        prices,
                        call -> call.attribute(KeyAccess.KEY).map(GatewayKey::name),
                        call -> call.attribute(KeyAccess.CONFIG),
                        metrics.<CallRecorder.StreamWatch>map(m -> m).orElse(CallRecorder.StreamWatch.NONE)))
                .addInterceptor(new CostHeader())
                .closeWith(console);
        if (options.logBodies()) {
            builder.addInterceptor(new BodyCapture());
        }
    }

    /** {@code gate}, with the targets it holds back counted when metrics are on. */
    TargetGate watch(TargetGate gate) {
        if (metrics.isEmpty()) {
            return gate;
        }
        GatewayMetrics counted = metrics.get();
        return target -> {
            TargetGate.Pass pass = gate.admit(target);
            if (!pass.allowed()) {
                counted.breakerHeld(target.target().provider().orElse("none"));
            }
            return pass;
        };
    }

    /** {@code GET /metrics}, {@code GET /public/}, {@code GET /log/stream}, and the server's own answers. */
    void addRoutes(GatewayServer.Builder server) {
        metrics.ifPresent(m -> {
            server.get("/metrics", metricsHandler(m));
            server.serverAnswers(m::serverAnswer);
        });
        server.get("/public", console.page());
        HttpHandler stream = console.stream();
        server.get("/log/stream", exchange -> {
            Drain.exempt(exchange); // the console's stream must not hold a drain up
            stream.handleRequest(exchange);
        });
    }

    private static HttpHandler metricsHandler(GatewayMetrics metrics) {
        return exchange -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            metrics.scrape(out);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, metrics.contentType());
            exchange.getResponseSender().send(ByteBuffer.wrap(out.toByteArray()));
        };
    }

    /**
     * Whether calls are recorded at all: false with metrics and the access log off, no admin
     * token, no config file and no exporter, when {@link #install} adds no listener.
     */
    boolean records() {
        return !sinks.isEmpty();
    }

    Optional<GatewayMetrics> metrics() {
        return metrics;
    }

    /** For the call's attributes in tests. */
    static Optional<String> keyName(CallInfo call) {
        return call.attribute(KeyAccess.KEY).map(GatewayKey::name);
    }
}
