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

    /** Binds {@code port} (0 picks a free one) and starts serving {@code handler}. */
    static LoopbackServer start(int port, HttpHandler handler) {
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, HOST)
                .setHandler(new BlockingHandler(handler))
                .build();
        undertow.start();
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
