package dev.aigateway.server;

import dev.aigateway.core.Gateway;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway behind an Undertow HTTP server. Bodies are read on the IO threads without blocking;
 * each request then runs on a virtual thread (JDK 21+) or a bounded pool (JDK 17).
 *
 * <pre>{@code
 * GatewayServer server = GatewayServer.builder().port(0).build().start();
 * String url = server.url(); // http://127.0.0.1:<port>
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
    /** The default request body limit: 32 MiB, room for several base64 images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;

    public static final int DEFAULT_PORT = 8787;
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Buffers kept for reuse (16 MiB); more are allocated while needed, then freed. */
    static final int POOLED_BUFFERS = 1024;

    private final String host;
    private final int requestedPort;
    private final Gateway gateway;
    private final long maxBodyBytes;
    private final int maxThreads;
    private Undertow undertow;
    private ExecutorService executor;

    private GatewayServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.gateway = builder.gateway != null ? builder.gateway : Gateway.create();
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxThreads = builder.maxThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public synchronized GatewayServer start() {
        executor = RequestExecutors.create(maxThreads);
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setByteBufferPool(bufferPool())
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setHandler(new Routes(gateway, executor, maxBodyBytes))
                .build();
        undertow.start();
        Thread warmUp = new Thread(gateway::warmUp, "gateway-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return this;
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
        private int maxThreads = 2048;

        private Builder() {}

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

        /** Larger request bodies get 413. */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
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
