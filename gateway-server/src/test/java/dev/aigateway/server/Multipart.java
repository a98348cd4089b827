package dev.aigateway.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;

/** A multipart/form-data body as an upstream received it, split into its parts by name. */
record Multipart(Map<String, byte[]> parts) {
    static Multipart of(RecordedRequest request) {
        String type = request.getHeaders().get("content-type");
        String boundary =
                type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        return parse(request.getBody().toByteArray(), boundary);
    }

    static Multipart parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            int next = indexOf(body, delimiter, headersEnd + 4);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // minus the CRLF before it
            int nameAt = headers.indexOf("name=\"") + 6;
            parts.put(headers.substring(nameAt, headers.indexOf('"', nameAt)), content);
            at = next;
        }
        return new Multipart(parts);
    }

    byte[] part(String name) {
        return parts.get(name);
    }

    String text(String name) {
        return new String(parts.get(name), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
