package dev.aigateway.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aigateway.core.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Run in a JVM of its own with a small heap ({@link LargeBodyHeapTest}): uploads a multipart body
 * of {@code args[0]} MiB through the gateway to an upstream that only counts and checksums it,
 * then downloads a file of the same size through the gateway. With a heap far smaller than the
 * body, finishing at all shows the body was never held whole. Prints {@code OK} and the sizes and
 * checksums on both sides; exits non-zero on any mismatch.
 */
final class LargeBodyProbe {
    private static final String BOUNDARY = "probe-boundary";

    private LargeBodyProbe() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]) << 20;
        Path spool = Files.createDirectories(Path.of(args[1]));
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/files", exchange -> serve(exchange, size));
        upstream.start();
        String config = "{\"provider\":\"openai\",\"api_key\":\"sk-probe\",\"custom_host\":\"http://127.0.0.1:"
                + upstream.getAddress().getPort() + "/v1\"}";
        GatewayServer gateway = GatewayServer.builder()
                .port(0)
                .maxBodyBytes(size + (1 << 20))
                .spoolDirectory(spool)
                .gateway(Gateway.create())
                .build()
                .start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            Pattern sent = new Pattern(size);
            HttpResponse<String> upload = client.send(
                    HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/files"))
                            .header("x-portkey-config", config)
                            .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> multipart(sent)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String expected = "{\"bytes\":" + (size + overhead()) + ",\"crc\":" + sent.crcOfForm() + "}";
            check(upload.statusCode() == 200 && upload.body().equals(expected), "upload: " + upload.body());

            HttpResponse<InputStream> download = client.send(
                    HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/files/file-big/content"))
                            .header("x-portkey-config", config)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            CRC32 crc = new CRC32();
            long received = 0;
            try (InputStream in = download.body()) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    crc.update(buffer, 0, read);
                    received += read;
                }
            }
            check(download.statusCode() == 200 && received == size, "download: " + received + " bytes");
            check(crc.getValue() == new Pattern(size).crc(), "download checksum");
            try (var files = Files.list(spool)) {
                check(files.findAny().isEmpty(), "a spooled body was left behind");
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.println("OK " + size + " bytes each way; heap max " + (runtime.maxMemory() >> 20) + " MiB");
        } finally {
            gateway.close();
            upstream.stop(0);
        }
    }

    /** POST: counts and checksums the body; GET: streams the pattern. */
    private static void serve(HttpExchange exchange, long size) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            CRC32 crc = new CRC32();
            long count = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    crc.update(buffer, 0, read);
                    count += read;
                }
            }
            byte[] answer =
                    ("{\"bytes\":" + count + ",\"crc\":" + crc.getValue() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } else {
            exchange.getRequestBody().close();
            exchange.getResponseHeaders().add("content-type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody();
                    InputStream pattern = new Pattern(size)) {
                pattern.transferTo(out);
            }
        }
    }

    private static final byte[] HEAD = ("--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                    + "--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"big.jsonl\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    private static long overhead() {
        return HEAD.length + TAIL.length;
    }

    private static InputStream multipart(Pattern file) {
        return new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                new java.io.ByteArrayInputStream(HEAD), file, new java.io.ByteArrayInputStream(TAIL))));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            System.out.println("FAILED " + what);
            System.exit(2);
        }
    }

    /** {@code size} bytes of a repeating pattern, made as they are read. */
    private static final class Pattern extends InputStream {
        private final long size;
        private long position;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ % 251) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) (position++ % 251);
            }
            return n;
        }

        long crc() {
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[64 * 1024];
            try (Pattern copy = new Pattern(size)) {
                int read;
                while ((read = copy.read(buffer, 0, buffer.length)) != -1) {
                    crc.update(buffer, 0, read);
                }
            }
            return crc.getValue();
        }

        /** The checksum of the whole form this pattern is the file of. */
        long crcOfForm() {
            CRC32 crc = new CRC32();
            crc.update(HEAD);
            byte[] buffer = new byte[64 * 1024];
            try (Pattern copy = new Pattern(size)) {
                int read;
                while ((read = copy.read(buffer, 0, buffer.length)) != -1) {
                    crc.update(buffer, 0, read);
                }
            }
            crc.update(TAIL);
            return crc.getValue();
        }

        @Override
        public void close() {}
    }
}
