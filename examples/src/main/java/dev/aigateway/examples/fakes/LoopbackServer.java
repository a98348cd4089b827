package dev.aigateway.examples.fakes;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;

/**
 * A small Undertow server bound to {@code 127.0.0.1}. Each request runs its handler on a worker
 * thread with blocking IO: the fakes answer in microseconds, so plain blocking code is the clearest.
 */
final class LoopbackServer implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final Undertow undertow;

    private LoopbackServer(Undertow undertow) {
        this.undertow = undertow;
    }

    /**
     * Binds {@code port} (0 picks a free one) and starts serving {@code handler}.
     *
     * @throws IllegalStateException when the port cannot be bound, e.g. it is in use
     */
    static LoopbackServer start(int port, HttpHandler handler) {
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, HOST)
                .setHandler(new BlockingHandler(handler))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "could not listen on " + HOST + ":" + port + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        return new LoopbackServer(undertow);
    }

    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://" + HOST + ":" + port();
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
