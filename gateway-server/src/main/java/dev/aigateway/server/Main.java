package dev.aigateway.server;

import dev.aigateway.core.internal.Json;
import dev.aigateway.core.pipeline.Sleeper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar gateway-server.jar [--port N] [--host H] [--max-body-bytes N] ...}: the options
 * are in {@link ServerOptions#USAGE}; each has an environment variable too ({@code PORT},
 * {@code HOST}, {@code GATEWAY_MAX_BODY_BYTES}, ...), and flags win. Prints one line with the URL
 * once serving.
 */
public final class Main {
    /** Held so the level settings are not garbage-collected with their loggers. */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.xnio"),
            Logger.getLogger("io.undertow"),
            Logger.getLogger("org.jboss"),
            Logger.getLogger("okhttp3"));

    private Main() {}

    public static void main(String[] args) {
        warmUp();
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        ServerOptions options;
        try {
            options = ServerOptions.parse(args, System.getenv());
        } catch (ConfigFileException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        GatewayServer server;
        try {
            server = serve(options, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage()); // a bad price file, OTEL_* variable ...
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("error: could not listen on " + options.host() + ":" + options.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        exposureWarning(options).ifPresent(System.err::println);
        Shutdown.install(server, options);
    }

    /**
     * A warning for a server that anyone on the network can use: bound to an address other than
     * loopback with no gateway keys.
     */
    static java.util.Optional<String> exposureWarning(ServerOptions options) {
        boolean keys = options.configFile().map(f -> f.current().requiresKeys()).orElse(false);
        if (keys || isLoopback(options.host())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("warning: listening on " + options.host() + " without gateway API keys: anyone"
                + " who can reach this port can use it, and the provider keys of its configs. List keys under"
                + " auth.keys in a config file (--config), or bind 127.0.0.1.");
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1");
    }

    /**
     * Loads, on a thread of its own while the gateway is built, what the first request would
     * otherwise wait for: the platform MBean server (Undertow's XNIO registers its workers with it)
     * and Jackson's tree reading and writing (every request body is parsed).
     */
    private static void warmUp() {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        ManagementFactory.getPlatformMBeanServer();
                    } catch (RuntimeException | LinkageError e) {
                        // a runtime without management: XNIO goes without it too
                    }
                    try {
                        Json.bytes(Json.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                                + "\"temperature\":0.5,\"stream\":false,\"stop\":null}"));
                    } catch (IOException e) {
                        // cannot happen with this text; the first request loads what it needs
                    }
                },
                "startup-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Starts a server as {@code options} say and prints the one start-up line to {@code out}. */
    static GatewayServer serve(ServerOptions options, PrintStream out) {
        GatewayServer.Builder builder = GatewayServer.builder();
        // GET /metrics, the console (/public/, /log/stream) and the counts of the server's own answers.
        ServerObservability observability = ServerObservability.create(options);
        observability.addRoutes(builder);
        // GET /v1/models lists the config file's named configs, which are model aliases.
        options.configFile().ifPresent(file -> builder.get("/v1/models", new ModelAliasesHandler(file)));
        GatewayServer server = builder.gateway(
                        GatewayAssembly.build(options, Clock.systemUTC(), Sleeper.SYSTEM, observability))
                .host(options.host())
                .port(options.port())
                .maxBodyBytes(options.maxBodyBytes())
                .maxThreads(options.maxThreads())
                .maxConnections(options.maxConnections())
                .maxHeaderBytes(options.maxHeaderBytes())
                .requestParseTimeout(Duration.ofMillis(options.requestParseTimeoutMs()))
                .noRequestTimeout(Duration.ofMillis(options.noRequestTimeoutMs()))
                .requestBodyTimeout(Duration.ofMillis(options.requestBodyTimeoutMs()))
                .idleTimeout(Duration.ofMillis(options.idleTimeoutMs()))
                .build()
                .start();
        out.println("AI Gateway listening on " + server.url() + " (OpenAI base URL: " + server.url() + "/v1)");
        return server;
    }

    /** Exposed for tests: the options {@code args} and {@code env} give. */
    static ServerOptions options(String[] args, Map<String, String> env) {
        return ServerOptions.parse(args, env);
    }
}
