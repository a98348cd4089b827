package dev.aigateway.bench;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A fast fake of OpenAI's {@code POST /v1/chat/completions} for benchmarks: zero latency, canned
 * answers, everything done on Undertow's IO threads so it costs little next to what it measures.
 *
 * <ul>
 *   <li>A path starting with {@code /fail} answers 503 in OpenAI's error envelope: the failing
 *       first target of a fallback.
 *   <li>A body with {@code "stream": true} answers a stream of {@code chat.completion.chunk}
 *       events ending with {@code data: [DONE]}: the first chunk at once, the others {@code delay}
 *       milliseconds apart. A path {@code /s/<chunks>/<delayMillis>/...} sets the shape for that
 *       request; otherwise the defaults given at start apply.
 *   <li>Anything else answers one canned {@code chat.completion}.
 * </ul>
 *
 * <p>{@code java -cp bench.jar dev.aigateway.bench.FakeUpstream [--port N] [--host H] [--chunks N]
 * [--chunk-delay-ms N] [--io-threads N]}
 */
public final class FakeUpstream implements HttpHandler, AutoCloseable {
    static final String USAGE =
            "usage: FakeUpstream [--port N] [--host H] [--chunks N] [--chunk-delay-ms N]" + " [--io-threads N]";

    static final byte[] COMPLETION = Bytes.ascii("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello! This answer comes from the"
            + " benchmark's fake upstream.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":11,\"total_tokens\":23},"
            + "\"system_fingerprint\":\"fp_bench\"}");

    static final byte[] UNAVAILABLE = Bytes.ascii("{\"error\":{\"message\":\"The server is overloaded or not ready"
            + " yet.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");

    private static final byte[] STREAM_KEY = Bytes.ascii("\"stream\"");
    private static final byte[] TRUE = Bytes.ascii("true");

    private static final HttpString JSON = HttpString.tryFromString("application/json");

    private final StreamShape defaults;
    private final Undertow undertow;

    private FakeUpstream(String host, int port, int ioThreads, StreamShape defaults) {
        this.defaults = defaults;
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(ioThreads)
                .setHandler(this)
                .build();
        undertow.start();
    }

    /** Starts on {@code host:port} (port 0 picks a free one) with these default stream shapes. */
    public static FakeUpstream start(String host, int port, int ioThreads, StreamShape defaults) {
        return new FakeUpstream(host, port, ioThreads, defaults);
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        undertow.stop();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            send(
                    exchange,
                    405,
                    Bytes.ascii("{\"error\":{\"message\":\"POST only\",\"type\":\"invalid_request_error\"}}"));
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(this::answer, (ex, e) -> ex.endExchange());
    }

    private void answer(HttpServerExchange exchange, byte[] body) {
        String path = exchange.getRequestPath();
        if (path.startsWith("/fail")) {
            send(exchange, 503, UNAVAILABLE);
        } else if (asksForStream(body)) {
            StreamShape shape = StreamShape.fromPath(path, defaults);
            if (shape == null) {
                send(
                        exchange,
                        400,
                        Bytes.ascii("{\"error\":{\"message\":\"expected /s/<chunks>/<delayMillis>/...\"}}"));
                return;
            }
            new ChunkStream(exchange, shape).start();
        } else {
            send(exchange, 200, COMPLETION);
        }
    }

    private static void send(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON.toString());
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** Whether the JSON body has {@code "stream"} set to {@code true}, without parsing it. */
    static boolean asksForStream(byte[] body) {
        for (int at = Bytes.indexOf(body, 0, body.length, STREAM_KEY);
                at >= 0;
                at = Bytes.indexOf(body, at + 1, body.length, STREAM_KEY)) {
            int k = skipSpaces(body, at + STREAM_KEY.length);
            if (k < body.length && body[k] == ':') {
                k = skipSpaces(body, k + 1);
                return Bytes.indexOf(body, k, Math.min(body.length, k + TRUE.length), TRUE) == k;
            }
        }
        return false;
    }

    private static int skipSpaces(byte[] body, int from) {
        int i = from;
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i;
    }

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 18090;
        int chunks = 20;
        long delay = 50;
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--host" -> host = value;
                    case "--chunks" -> chunks = Integer.parseInt(value);
                    case "--chunk-delay-ms" -> delay = Long.parseLong(value);
                    case "--io-threads" -> ioThreads = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FakeUpstream fake = start(host, port, ioThreads, new StreamShape(chunks, delay));
        System.out.println("fake upstream listening on http://" + host + ":" + fake.port() + "/v1 (streams: " + chunks
                + " chunks, " + delay + " ms apart)");
    }
}
