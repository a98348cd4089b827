package dev.aigateway.server;

import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads a request body on the IO thread without blocking, up to a limit. A body over the limit is
 * drained (up to a second allowance) before the 413 is sent, so the client, still sending, reads
 * the answer instead of a connection reset; past the allowance the connection is closed.
 */
final class BodyReader {
    /** How much of an oversized body is read and dropped before giving up on the connection. */
    static final long DRAIN_ALLOWANCE = 16L << 20;

    private BodyReader() {}

    static void read(
            HttpServerExchange exchange,
            long limit,
            BiConsumer<HttpServerExchange, byte[]> onBody,
            Consumer<HttpServerExchange> onTooBig) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(initialSize(exchange, limit));
        long[] received = {0};
        exchange.getRequestReceiver()
                .receivePartialBytes(
                        (ex, chunk, last) -> {
                            received[0] += chunk.length;
                            if (received[0] <= limit) {
                                body.write(chunk, 0, chunk.length);
                            } else if (received[0] > limit + DRAIN_ALLOWANCE) {
                                ex.setPersistent(false);
                                onTooBig.accept(ex);
                                return;
                            }
                            if (last) {
                                if (received[0] > limit) {
                                    onTooBig.accept(ex);
                                } else {
                                    onBody.accept(ex, body.toByteArray());
                                }
                            }
                        },
                        (ex, error) -> ex.endExchange()); // the client stopped sending; nobody is left to answer
    }

    private static int initialSize(HttpServerExchange exchange, long limit) {
        long length = exchange.getRequestContentLength();
        return (int) Math.max(256, Math.min(length < 0 ? 4096 : length, Math.min(limit, 1 << 20)));
    }
}
