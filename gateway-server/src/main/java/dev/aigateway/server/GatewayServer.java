package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The gateway behind an Undertow HTTP server. Bodies are read on the IO threads without blocking;
 * each request then runs on a virtual thread (JDK 21+) or a bounded pool (JDK 17). The builder sets
 * the server's limits (body and header size, connections, timeouts); docs/security-server-notes.md
 * says what each does.
 *
 * <pre>{@code
 * GatewayServer server = GatewayServer.builder().port(0).build().start();
 * String url = server.url(); // http://127.0.0.1:<port>
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
    /** The default request body limit: 32 MiB, room for several base64 images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;

    /** The largest body limit: a body is kept in one array. */
    public static final long LARGEST_MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Request threads on JDK 17 (each open stream holds one). */
    public static final int DEFAULT_MAX_THREADS = 2048;

    /** Open connections; more wait in the operating system's accept queue until one closes. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** The request line and headers together: room for large configs, far below Undertow's 1 MiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 << 10;

    /** Headers per request; Undertow answers 400 to more. Clients send a few dozen at most. */
    public static final int MAX_HEADERS = 100;

    /** Time to send a request line and headers once the first byte of them has arrived. */
    public static final Duration DEFAULT_REQUEST_PARSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a connection may stay open without a request, new or kept alive: longer than the
     * 60 s idle timeout of common load balancers, so that they close first and never reuse a
     * connection the gateway is closing.
     */
    public static final Duration DEFAULT_NO_REQUEST_TIMEOUT = Duration.ofSeconds(75);

    /** The longest pause inside a request body before the request gets 408. */
    public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long a write to a client may make no progress. Longer than the upstream stall guard's 10
     * minutes, because a stream may rightly be silent until that guard ends it, and Undertow fails
     * the next write after a silence longer than this (see {@link ConnectionLimits}).
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    /** Buffers kept for reuse (16 MiB); more are allocated while needed, then freed. */
    static final int POOLED_BUFFERS = 1024;

    /** How long a drain waits, once it has cut the streams left, for their last writes. */
    static final Duration CUT_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(GatewayServer.class.getName());

    private final String host;
    private final int requestedPort;
    private final Gateway gateway;
    private final long maxBodyBytes;
    private final int maxThreads;
    private final int maxConnections;
    private final int maxHeaderBytes;
    private final Duration requestParseTimeout;
    private final Duration noRequestTimeout;
    private final Duration requestBodyTimeout;
    private final Duration idleTimeout;
    private final Map<String, HttpHandler> extraGets;
    private final ServerAnswers.Listener serverAnswers;
    private final Path spoolDirectory;
    private Undertow undertow;
    private ExecutorService executor;
    /** Read by the IO threads ({@code /ready}), so never under this server's lock. */
    private volatile Drain drain;

    private GatewayServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.gateway = builder.gateway != null ? builder.gateway : Gateway.create();
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxThreads = builder.maxThreads;
        this.maxConnections = builder.maxConnections;
        this.maxHeaderBytes = builder.maxHeaderBytes;
        this.requestParseTimeout = builder.requestParseTimeout;
        this.noRequestTimeout = builder.noRequestTimeout;
        this.requestBodyTimeout = builder.requestBodyTimeout;
        this.idleTimeout = builder.idleTimeout;
        this.extraGets = Map.copyOf(builder.gets);
        this.serverAnswers = builder.serverAnswers;
        this.spoolDirectory = builder.spoolDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public synchronized GatewayServer start() {
        executor = RequestExecutors.create(maxThreads);
        drain = new Drain(new Routes(
                gateway, executor, new BodyReader(maxBodyBytes, requestBodyTimeout), getRoutes(), spoolDirectory));
        Undertow.Builder server = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setByteBufferPool(bufferPool())
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                // Bodies are bounded by BodyReader, on every route. Undertow's own limit (2 MiB by
                // default) ends a chunked body over it by printing a stack trace and dropping the
                // connection with no answer, and a fixed-length one with an empty 200.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, maxHeaderBytes)
                .setServerOption(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
                .setHandler(new HttpContinueReadHandler(
                        serverAnswers == ServerAnswers.Listener.NONE
                                ? drain
                                : new ServerAnswers(drain, serverAnswers)));
        ConnectionLimits.apply(server, maxConnections, requestParseTimeout, noRequestTimeout, idleTimeout);
        undertow = server.build();
        undertow.start();
        Thread warmUp = new Thread(gateway::warmUp, "gateway-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return this;
    }

    /** The probes, then the GET routes the builder added. */
    private Map<String, HttpHandler> getRoutes() {
        Map<String, HttpHandler> gets = new HashMap<>(extraGets);
        gets.put("/health", Probes.health());
        gets.put("/ready", Probes.ready(this::draining));
        return gets;
    }

    /**
     * One shared pool of 16 KiB direct buffers that keeps up to {@link #POOLED_BUFFERS} of them.
     * Undertow's default pools only in per-thread caches and frees the rest: with a thread per open
     * stream, those caches (on JDK 17) and the buffers waiting to be freed (virtual threads, whose
     * caches die with them) held a hundred megabytes of memory for a thousand streams.
     */
    private static ByteBufferPool bufferPool() {
        return new DefaultByteBufferPool(true, 16 * 1024, POOLED_BUFFERS, 0);
    }

    /** The bound port (the real one when 0 was asked for). */
    public synchronized int port() {
        if (undertow == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** {@code http://host:port}, with {@code 127.0.0.1} for a wildcard bind. */
    public String url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (shown.contains(":")) {
            shown = "[" + shown + "]";
        }
        return "http://" + shown + ":" + port();
    }

    /** Whether the server is draining before it closes ({@code GET /ready} then answers 503). */
    boolean draining() {
        Drain current = drain;
        return current != null && current.draining();
    }

    /**
     * Shuts down gracefully: stops accepting connections, answers new requests on open ones with
     * 503 (the probes excepted; {@code /ready} says "draining"), lets the requests and streams in
     * flight finish for up to {@code timeout}, ends the streams still running then with an error
     * event and the end marker, and {@link #close() closes}. Blocks until closed. {@link
     * #endDrainNow()} shortens the wait.
     */
    public void drain(Duration timeout) {
        Drain draining;
        synchronized (this) {
            draining = drain;
            if (undertow == null || draining == null) {
                close();
                return;
            }
            draining.begin();
            Drain.stopAccepting(undertow);
        }
        try {
            if (!draining.awaitIdle(timeout, true)) {
                LOG.info("drain time is up: ending the streams still running");
                draining.cutStreams();
                draining.awaitIdle(CUT_GRACE, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Ends a {@link #drain} now: the streams still running end with an error event. */
    public void endDrainNow() {
        Drain draining = drain;
        if (draining != null) {
            draining.hurry();
        }
    }

    /** Whether requests run on virtual threads. */
    public static boolean usesVirtualThreads() {
        return RequestExecutors.virtualThreadsAvailable();
    }

    /**
     * Stops listening, stops the request threads, then closes the gateway: the server owns the
     * gateway it serves, whether it made it or was given it.
     */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        gateway.close();
    }

    /** Configures a {@link GatewayServer}; not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Gateway gateway;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private Duration requestParseTimeout = DEFAULT_REQUEST_PARSE_TIMEOUT;
        private Duration noRequestTimeout = DEFAULT_NO_REQUEST_TIMEOUT;
        private Duration requestBodyTimeout = DEFAULT_REQUEST_BODY_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private final Map<String, HttpHandler> gets = new HashMap<>();
        private ServerAnswers.Listener serverAnswers = ServerAnswers.Listener.NONE;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder() {}

        /**
         * Where multipart and binary request bodies (uploads, audio) are kept while they are
         * served, one file each, deleted once answered; by default {@code java.io.tmpdir}.
         */
        public Builder spoolDirectory(Path value) {
            this.spoolDirectory = value;
            return this;
        }

        /** Hears the answers the server gives without the gateway (404, 413, 503 ...), for metrics. */
        Builder serverAnswers(ServerAnswers.Listener listener) {
            this.serverAnswers = listener;
            return this;
        }

        /** Serves {@code GET path} with {@code handler}, on the IO thread, once any body is skipped. */
        Builder get(String path, HttpHandler handler) {
            gets.put(path, handler);
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The gateway to serve, closed with the server; by default {@link Gateway#create()}. */
        public Builder gateway(Gateway value) {
            this.gateway = value;
            return this;
        }

        /** Larger request bodies get 413, whether sent with a content length or in chunks. */
        public Builder maxBodyBytes(long value) {
            if (value < 1 || value > LARGEST_MAX_BODY_BYTES) {
                throw new IllegalArgumentException(
                        "maxBodyBytes must be from 1 to " + LARGEST_MAX_BODY_BYTES + ", got " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        /** Open connections at most; further ones wait to be accepted until one closes. */
        public Builder maxConnections(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + value);
            }
            this.maxConnections = value;
            return this;
        }

        /** The request line and headers together, in bytes; a larger request gets 400. */
        public Builder maxHeaderBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, got " + value);
            }
            this.maxHeaderBytes = value;
            return this;
        }

        /** Time to send a request line and headers once begun; {@link Duration#ZERO} turns it off. */
        public Builder requestParseTimeout(Duration value) {
            this.requestParseTimeout = ConnectionLimits.checked("requestParseTimeout", value);
            return this;
        }

        /** How long a connection may stay open without a request; {@link Duration#ZERO}: forever. */
        public Builder noRequestTimeout(Duration value) {
            this.noRequestTimeout = ConnectionLimits.checked("noRequestTimeout", value);
            return this;
        }

        /** The longest pause inside a request body (then 408); {@link Duration#ZERO} turns it off. */
        public Builder requestBodyTimeout(Duration value) {
            this.requestBodyTimeout = ConnectionLimits.checked("requestBodyTimeout", value);
            return this;
        }

        /**
         * How long a write to a client may make no progress; {@link Duration#ZERO} turns it off. Keep
         * it above the longest silence of a stream (see {@link #DEFAULT_IDLE_TIMEOUT}).
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = ConnectionLimits.checked("idleTimeout", value);
            return this;
        }

        /** The platform-thread pool size on JDK 17 (concurrent requests, streams included). */
        public Builder maxThreads(int value) {
            this.maxThreads = value;
            return this;
        }

        public GatewayServer build() {
            return new GatewayServer(this);
        }
    }
}
