package dev.aigateway.core.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for caller input placed in an upstream URL (a model or deployment name in a
 * path segment, a version in a query value): every UTF-8 byte but RFC 3986's unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) is encoded, so the input can leave neither its segment ({@code /},
 * {@code ?}, {@code #}) nor its query value ({@code &}, {@code =}), nor pick a method
 * ({@code :}). Dot segments ({@code .}, {@code ..}) are unreserved and must be refused by the caller
 * where a whole segment is input: URL parsers resolve them.
 */
public final class PercentEncoding {
    private PercentEncoding() {}

    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Encodes a whole path segment taken from a caller's path (the proxy's): as {@link #encode},
     * except that RFC 3986's sub-delimiters, {@code :} and {@code @}, which a segment may hold
     * literally ({@code models/gemini-2.0-flash:generateContent}), stay as they are. {@code /},
     * {@code ?}, {@code #} and {@code %} are still encoded, so the segment stays one segment.
     */
    public static String encodePathSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Whether {@code segment} is a dot segment, which URL parsers resolve instead of sending. */
    public static boolean isDotSegment(String segment) {
        return segment.equals(".") || segment.equals("..");
    }

    /** Whether {@code value} holds an ASCII control character (CR, LF, NUL, DEL, ...). */
    public static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
