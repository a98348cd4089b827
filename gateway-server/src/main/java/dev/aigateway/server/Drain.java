package dev.aigateway.server;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigateway.core.Cancellation;
import dev.aigateway.core.Endpoint;
import dev.aigateway.core.EventStream;
import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.PortkeyHeaders;
import dev.aigateway.core.format.EndpointFormat;
import dev.aigateway.core.internal.ErrorBodies;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.stream.ChunkSink;
import io.undertow.Undertow;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the requests in flight and drains them when the server shuts down gracefully: once
 * {@link #begin() begun}, new requests get 503 (and their connection closes) except the probes
 * ({@code /}, {@code /health}, {@code /ready}, which then says "draining"); the requests in flight,
 * streams included, run on until they finish or the drain's time is up, when {@link #cutStreams()}
 * ends each stream left with an error event and the end marker.
 */
final class Drain implements HttpHandler {
    static final String CUT_MESSAGE =
            "The gateway is shutting down and ended this stream before the answer was complete; send the"
                    + " request again";
    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    private static final AttachmentKey<Drain> KEY = AttachmentKey.create(Drain.class);
    private static final AttachmentKey<Boolean> EXEMPT = AttachmentKey.create(Boolean.class);
    private static final Set<String> PROBES = Set.of("/", "/health", "/ready");
    private static final byte[] SHUTTING_DOWN = Json.bytes(ErrorBodies.openAi(
            "The gateway is shutting down; send the request again",
            "server_error",
            null,
            TextNode.valueOf("gateway_draining"),
            null));

    private final HttpHandler next;
    private final Object lock = new Object();
    private final Set<CuttableStream> streams = ConcurrentHashMap.newKeySet();
    /** Requests the gateway is still working on, before their answer (or stream) begins. */
    private final Set<Cancellation> unanswered = ConcurrentHashMap.newKeySet();

    private int active; // guarded by lock
    private boolean hurried; // guarded by lock
    private volatile boolean draining;
    private volatile boolean cutting;

    Drain(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (draining && !PROBES.contains(exchange.getRequestPath())) {
            exchange.setPersistent(false);
            Connectors.terminateRequest(exchange);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            Responses.json(exchange, 503, SHUTTING_DOWN);
            return;
        }
        synchronized (lock) {
            active++;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            if (done.getAttachment(EXEMPT) == null) {
                finished();
            }
            nextListener.proceed();
        });
        exchange.putAttachment(KEY, this);
        next.handleRequest(exchange);
    }

    /**
     * Stops counting {@code exchange} as in flight: for a stream that never ends by itself (the
     * console's events), which a drain must not wait for; closing the server ends it.
     */
    static void exempt(HttpServerExchange exchange) {
        Drain drain = exchange.getAttachment(KEY);
        if (drain != null && exchange.putAttachment(EXEMPT, Boolean.TRUE) == null) {
            drain.finished();
        }
    }

    private void finished() {
        synchronized (lock) {
            active--;
            lock.notifyAll();
        }
    }

    /** Whether the server is draining: not ready for new requests. */
    boolean draining() {
        return draining;
    }

    /** From now on new requests are refused. */
    void begin() {
        draining = true;
    }

    /**
     * Waits until no request is in flight, or {@code timeout} has passed, or (when {@code
     * hurriable}) {@link #hurry()} was called; returns whether none is left.
     */
    boolean awaitIdle(Duration timeout, boolean hurriable) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (hurriable && hurried)) {
                    return false;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    /**
     * Closes the listening sockets, so that new connections are refused at once and a load balancer
     * tries another replica, while the open connections serve on. Undertow can only suspend
     * accepting, which leaves new connections waiting in the accept queue until the process exits;
     * its listener's channel is closed through reflection instead, and suspended should that fail.
     */
    static void stopAccepting(Undertow undertow) {
        for (Undertow.ListenerInfo listener : undertow.getListenerInfo()) {
            try {
                Field channel = Undertow.ListenerInfo.class.getDeclaredField("channel");
                channel.setAccessible(true);
                ((Closeable) channel.get(listener)).close();
            } catch (ReflectiveOperationException | RuntimeException | java.io.IOException e) {
                LOG.log(
                        Level.FINE,
                        "suspending accepts instead: " + e.getClass().getSimpleName());
                listener.suspend();
            }
        }
    }

    /** Ends the wait for requests in flight now (a second signal). */
    void hurry() {
        synchronized (lock) {
            hurried = true;
            lock.notifyAll();
        }
    }

    /**
     * Ends every stream in flight, and every stream that starts later, with an error event; cancels
     * the work of requests still waiting for their answer to begin (a stream read ahead to its
     * first event, say), which then end with an error answer.
     */
    void cutStreams() {
        cutting = true;
        streams.forEach(CuttableStream::cut);
        unanswered.forEach(Cancellation::cancel);
    }

    /**
     * Counts {@code cancellation}'s request as waiting for its answer until the returned handle
     * runs; a drain that cuts meanwhile cancels it. Requests the drain does not count get a no-op.
     */
    static Runnable awaitingAnswer(HttpServerExchange exchange, Cancellation cancellation) {
        Drain drain = exchange.getAttachment(KEY);
        if (drain == null) {
            return () -> {};
        }
        drain.unanswered.add(cancellation);
        if (drain.cutting) {
            cancellation.cancel();
        }
        return () -> drain.unanswered.remove(cancellation);
    }

    /**
     * {@code response}, as one the drain can cut when it is a stream: wraps the caller's sink
     * while the stream is written. Answers of requests the drain does not count pass unchanged.
     */
    static GatewayResponse track(HttpServerExchange exchange, Endpoint endpoint, GatewayResponse response) {
        Drain drain = exchange.getAttachment(KEY);
        if (drain == null || !(response instanceof GatewayResponse.Streaming streaming)) {
            return response;
        }
        EndpointFormat format = endpoint.format();
        String provider = response.headers().first(PortkeyHeaders.PROVIDER).orElse("gateway");
        EventStream events = streaming.events();
        return streaming.withEvents(new EventStream() {
            @Override
            public void writeTo(ChunkSink sink) throws IOException {
                CuttableStream cuttable = new CuttableStream(
                        sink, events::cancel, format.streamError(CUT_MESSAGE, provider), format.endMarker());
                drain.streams.add(cuttable);
                try {
                    if (drain.cutting) {
                        cuttable.cut();
                    }
                    events.writeTo(cuttable);
                } finally {
                    drain.streams.remove(cuttable);
                }
            }

            @Override
            public void cancel() {
                events.cancel();
            }
        });
    }
}
