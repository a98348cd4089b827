package dev.aigateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures time to first chunk of streamed chat completions on one keep-alive connection: the time
 * from writing a request to reading its first {@code data:} line. Each stream must end with
 * {@code data: [DONE]}; anything else counts as an error. A plain socket client, so that the
 * client's own cost stays small and the same whether it talks to the fake or to the gateway.
 *
 * <p>{@code java -cp bench.jar dev.aigateway.bench.FirstChunkProbe --url URL [--requests N]
 * [--warmup N] [--header 'name: value']... --body JSON}
 *
 * <p>Prints {@code first_chunk_p50_us=... first_chunk_p99_us=... streams=N errors=N}.
 */
public final class FirstChunkProbe {
    private static final byte[] HEADERS_END = Bytes.ascii("\r\n\r\n");
    private static final byte[] CHUNKED_END = Bytes.ascii("\r\n0\r\n\r\n");
    private static final byte[] DATA = Bytes.ascii("data:");
    private static final byte[] DONE = Bytes.ascii("data: [DONE]");

    private final InputStream in;
    private final OutputStream out;
    private final byte[] request;
    private byte[] buffer = new byte[1 << 16];

    FirstChunkProbe(Socket socket, byte[] request) throws IOException {
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.request = request;
    }

    /** Sends one request and reads its whole stream; returns nanoseconds to the first chunk. */
    long once() throws IOException {
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        int length = 0;
        int bodyStart = -1;
        long firstChunk = -1;
        while (true) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new IOException("the server closed the connection mid-answer");
            }
            length += read;
            if (bodyStart < 0) {
                int end = Bytes.indexOf(buffer, 0, length, HEADERS_END);
                if (end < 0) {
                    continue;
                }
                bodyStart = end + HEADERS_END.length;
                String head = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
                if (!head.startsWith("HTTP/1.1 200")) {
                    throw new IOException(
                            "not a 200 answer: " + head.lines().findFirst().orElse(""));
                }
                if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                    throw new IOException("expected a chunked stream, got: " + head);
                }
            }
            if (firstChunk < 0 && Bytes.indexOf(buffer, bodyStart, length, DATA) >= 0) {
                firstChunk = System.nanoTime() - start;
            }
            if (Bytes.indexOf(buffer, Math.max(bodyStart - 2, 0), length, CHUNKED_END) >= 0) {
                if (firstChunk < 0 || Bytes.indexOf(buffer, bodyStart, length, DONE) < 0) {
                    throw new IOException("the stream ended without data: [DONE]");
                }
                return firstChunk;
            }
        }
    }

    static byte[] request(URI url, List<String> headers, String body) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(url.getRawPath())
                .append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost())
                .append(':')
                .append(url.getPort())
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(payload.length)
                .append("\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(start, start.length + payload.length);
        System.arraycopy(payload, 0, all, start.length, payload.length);
        return all;
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public static void main(String[] args) throws IOException {
        URI url = null;
        int requests = 2000;
        int warmup = 500;
        List<String> headers = new ArrayList<>();
        String body = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--header" -> headers.add(args[i + 1]);
                case "--body" -> body = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || body == null || args.length % 2 != 0) {
            System.err.println("usage: FirstChunkProbe --url URL [--requests N] [--warmup N] [--header 'n: v']..."
                    + " --body JSON");
            System.exit(2);
            return;
        }
        byte[] request = request(url, headers, body);
        long[] samples = new long[requests];
        int errors = 0;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setTcpNoDelay(true);
            FirstChunkProbe probe = new FirstChunkProbe(socket, request);
            for (int i = 0; i < warmup; i++) {
                probe.once();
            }
            for (int i = 0; i < requests; i++) {
                samples[i] = probe.once();
            }
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            errors++;
        }
        Arrays.sort(samples);
        System.out.printf(
                Locale.ROOT,
                "first_chunk_p50_us=%.1f first_chunk_p99_us=%.1f streams=%d errors=%d%n",
                percentile(samples, 50) / 1000.0,
                percentile(samples, 99) / 1000.0,
                requests,
                errors);
        System.exit(errors == 0 ? 0 : 1);
    }
}
