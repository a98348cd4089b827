package dev.aigateway.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server as {@code java -jar} builds it (GatewayAssembly, ServerObservability, Main's routes)
 * on port 0, with the access log's lines kept in {@link #lines()}, retries that do not wait, and
 * the {@code OTEL_*} variables a test gives.
 */
final class ObservedServer implements AutoCloseable {
    private final GatewayServer server;
    private final ServerObservability observability;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newHttpClient();

    ObservedServer(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        ServerOptions options = ServerOptions.parse(all.toArray(String[]::new), Map.of());
        this.observability = ServerObservability.create(options, new HashMap<>(env), lines::add);
        GatewayServer.Builder builder = GatewayServer.builder();
        observability.addRoutes(builder);
        options.configFile().ifPresent(file -> builder.get("/v1/models", new ModelAliasesHandler(file)));
        this.server = builder.gateway(GatewayAssembly.build(options, Clock.systemUTC(), delay -> {}, observability))
                .port(0)
                .build()
                .start();
    }

    String url() {
        return server.url();
    }

    ServerObservability observability() {
        return observability;
    }

    GatewayServer server() {
        return server;
    }

    /** The access log's lines so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String metrics() throws Exception {
        return get("/metrics").body();
    }

    @Override
    public void close() {
        server.close();
    }
}
