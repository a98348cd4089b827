package dev.aigateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Raw chat completion requests of exact sizes and framings, for {@link RawHttp}. */
final class ChatRequests {
    private static final String PREFIX = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"";
    private static final String SUFFIX = "\"}]}";

    private ChatRequests() {}

    /** A valid chat completion body of exactly {@code size} bytes; its message is {@link #content}. */
    static byte[] body(int size) {
        return (PREFIX + content(size) + SUFFIX).getBytes(StandardCharsets.UTF_8);
    }

    /** The user message inside {@link #body}{@code (size)}. */
    static String content(int size) {
        int length = size - PREFIX.length() - SUFFIX.length();
        StringBuilder content = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            content.append((char) ('a' + i % 26));
        }
        return content.toString();
    }

    /**
     * The head of a POST to {@code path} in header mode (provider openai): with a content length, or
     * chunked when {@code contentLength} is negative, and {@code Expect: 100-continue} if asked.
     */
    static String head(String path, long contentLength, boolean expect) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "x-portkey-provider: openai\r\nAuthorization: Bearer sk-test\r\n"
                + (contentLength < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + contentLength + "\r\n")
                + (expect ? "Expect: 100-continue\r\n" : "")
                + "\r\n";
    }

    /** {@code body} in chunked framing, in chunks of at most {@code chunkSize} bytes. */
    static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / chunkSize * 8 + 16);
        for (int start = 0; start < body.length; start += chunkSize) {
            int length = Math.min(chunkSize, body.length - start);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, start, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
