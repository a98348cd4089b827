package dev.aigateway.server;

import io.undertow.io.Receiver;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * Reads request bodies on the IO thread without blocking, and is the only bound on them: Undertow's
 * own entity limit is off (see {@link GatewayServer}), so every route reads or skips its body here.
 *
 * <p>At most {@link #limit} bytes are kept. A body known to be larger (by its content length, or
 * once its chunks pass the limit) is read and dropped up to {@link #DRAIN_ALLOWANCE} more before the
 * answer, so that the client, still sending, reads the answer instead of a connection reset, and the
 * connection stays usable. A body larger still is not read: the answer is sent and the connection
 * closed, and a client that keeps sending may then see a reset. A client that waits for
 * {@code 100 Continue} is answered at once instead, without the 100, and sends no body. A body that
 * stops arriving for the stall timeout gets 408 and the connection closes.
 */
final class BodyReader {
    /** How much of an unwanted body is read and dropped before giving up on the connection. */
    static final long DRAIN_ALLOWANCE = 16L << 20;

    private final long limit;
    private final long readAtMost;
    private final Duration stallTimeout;

    BodyReader(long limit, Duration stallTimeout) {
        this.limit = limit;
        this.readAtMost = limit > Long.MAX_VALUE - DRAIN_ALLOWANCE ? Long.MAX_VALUE : limit + DRAIN_ALLOWANCE;
        this.stallTimeout = stallTimeout;
    }

    /** The most bytes of a body that are kept. */
    long limit() {
        return limit;
    }

    /** Reads the whole body and calls {@code onBody}, or {@code onTooBig} if it exceeds the limit. */
    void read(
            HttpServerExchange exchange,
            BiConsumer<HttpServerExchange, byte[]> onBody,
            Consumer<HttpServerExchange> onTooBig) {
        if (exchange.getRequestContentLength() > limit) {
            skip(exchange, onTooBig);
            return;
        }
        receive(exchange, BodySink.inMemory(exchange.getRequestContentLength(), limit), onBody, onTooBig);
    }

    /**
     * Reads the whole body into {@code sink} (a {@link SpooledBody}) and calls {@code onBody}, or
     * {@code onTooBig} if it exceeds the limit; the sink is discarded on every other outcome. A sink
     * that cannot be written (a full disk) is answered 500.
     */
    <T> void read(
            HttpServerExchange exchange,
            BodySink<T> sink,
            BiConsumer<HttpServerExchange, T> onBody,
            Consumer<HttpServerExchange> onTooBig) {
        if (exchange.getRequestContentLength() > limit) {
            sink.discard();
            skip(exchange, onTooBig);
            return;
        }
        receive(exchange, sink, onBody, onTooBig);
    }

    /**
     * Calls {@code answer} once the body, which the answer does not need, is out of the way: read and
     * dropped, or, when it is not worth reading (see the class comment), left unread.
     */
    void skip(HttpServerExchange exchange, Consumer<HttpServerExchange> answer) {
        if (exchange.isRequestComplete()) {
            answer.accept(exchange);
        } else if (waitsForContinue(exchange) || exchange.getRequestContentLength() > readAtMost) {
            abandonBody(exchange);
            answer.accept(exchange);
        } else {
            receive(exchange, BodySink.skipped(), (ex, none) -> answer.accept(ex), answer);
        }
    }

    private static boolean waitsForContinue(HttpServerExchange exchange) {
        return HttpContinue.requiresContinueResponse(exchange) && !HttpContinue.isContinueResponseSent(exchange);
    }

    /** The connection closes after the answer, and Undertow does not read what is left of the body. */
    private static void abandonBody(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        Connectors.terminateRequest(exchange);
    }

    private <T> void receive(
            HttpServerExchange exchange,
            BodySink<T> sink,
            BiConsumer<HttpServerExchange, T> onBody,
            Consumer<HttpServerExchange> onTooBig) {
        BodyStallGuard guard = BodyStallGuard.create(exchange, stallTimeout, () -> {
            sink.discard();
            stalled(exchange);
        });
        Counter<T> counter = new Counter<>(limit, readAtMost, sink, guard, onBody, onTooBig);
        exchange.getRequestReceiver().receivePartialBytes(counter, (ex, error) -> {
            guard.stop();
            if (!counter.done) {
                counter.done = true;
                sink.discard();
            }
            failed(ex, error);
        });
        guard.arm(); // what arrived with the headers has been read; the rest may take a while
    }

    private void stalled(HttpServerExchange exchange) {
        exchange.getRequestReceiver().pause();
        abandonBody(exchange);
        Responses.failure(exchange, 408, "The request body stopped arriving for " + stallTimeout.toMillis() + " ms");
    }

    /**
     * Reading failed: the client went away, or its chunked framing is broken (Undertow then closes
     * the connection). If the connection still stands, say so; it closes after the answer.
     */
    private static void failed(HttpServerExchange exchange, IOException error) {
        if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        abandonBody(exchange);
        Responses.failure(exchange, 400, "The request body could not be read");
    }

    /** Counts a body as it arrives, keeps it in its sink while within the limit, and decides how it ends. */
    private static final class Counter<T> implements Receiver.PartialBytesCallback {
        private final long limit;
        private final long readAtMost;
        private final BodySink<T> sink;
        private final BodyStallGuard guard;
        private final BiConsumer<HttpServerExchange, T> onBody;
        private final Consumer<HttpServerExchange> onTooBig;
        private long received;
        private boolean done;

        Counter(
                long limit,
                long readAtMost,
                BodySink<T> sink,
                BodyStallGuard guard,
                BiConsumer<HttpServerExchange, T> onBody,
                Consumer<HttpServerExchange> onTooBig) {
            this.limit = limit;
            this.readAtMost = readAtMost;
            this.sink = sink;
            this.guard = guard;
            this.onBody = onBody;
            this.onTooBig = onTooBig;
        }

        @Override
        public void handle(HttpServerExchange exchange, byte[] chunk, boolean last) {
            if (done) {
                return;
            }
            guard.progress();
            boolean within = received <= limit;
            received += chunk.length;
            try {
                if (received <= limit) {
                    sink.write(chunk);
                } else if (within) {
                    sink.discard(); // over the limit: let the kept part go
                }
                if (received > readAtMost) {
                    finish();
                    exchange.getRequestReceiver().pause();
                    abandonBody(exchange);
                    onTooBig.accept(exchange);
                } else if (last) {
                    finish();
                    if (received > limit) {
                        onTooBig.accept(exchange);
                    } else {
                        onBody.accept(exchange, sink.finish());
                    }
                }
            } catch (IOException e) {
                // The sink's file could not be written (a full disk, say): not the caller's fault.
                finish();
                sink.discard();
                exchange.getRequestReceiver().pause();
                abandonBody(exchange);
                Responses.failure(exchange, 500, "The request body could not be stored");
            }
        }

        private void finish() {
            done = true;
            guard.stop();
        }
    }
}
