package dev.aigateway.bench;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;

/**
 * One SSE answer written from the IO thread: each chunk is sent when the previous write completed
 * and the delay has passed, so a thousand open streams need no thread of their own.
 */
final class ChunkStream implements IoCallback {
    static final byte[] FIRST = Bytes.ascii(
            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
                    + "\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    static final byte[] MIDDLE = Bytes.ascii("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    static final byte[] LAST = Bytes.ascii("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\".\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");

    /** A one-chunk stream: the first and the last chunk, written at once. */
    static final byte[] ONLY =
            Bytes.ascii(new String(FIRST, StandardCharsets.US_ASCII) + new String(LAST, StandardCharsets.US_ASCII));

    private final HttpServerExchange exchange;
    private final StreamShape shape;
    private int sent;

    ChunkStream(HttpServerExchange exchange, StreamShape shape) {
        this.exchange = exchange;
        this.shape = shape;
    }

    void start() {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        // Dispatched, even to the same thread, so Undertow does not end the exchange when the
        // handler returns: the later chunks are written by timer tasks.
        exchange.dispatch(SameThreadExecutor.INSTANCE, this::sendNext);
    }

    private void sendNext() {
        sent++;
        byte[] chunk = shape.chunks() == 1 ? ONLY : sent == 1 ? FIRST : sent == shape.chunks() ? LAST : MIDDLE;
        exchange.getResponseSender().send(ByteBuffer.wrap(chunk), this);
    }

    @Override
    public void onComplete(HttpServerExchange ex, Sender sender) {
        if (sent >= shape.chunks()) {
            sender.close();
        } else if (shape.delayMillis() == 0) {
            sendNext();
        } else {
            ex.getIoThread().executeAfter(this::sendNext, shape.delayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onException(HttpServerExchange ex, Sender sender, IOException exception) {
        IoUtils.safeClose(ex.getConnection());
    }
}
