package dev.aigateway.core.internal.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * Parses IP address literals into their bytes, without DNS and without the lenient forms some
 * parsers accept: IPv4 only as four decimal numbers 0-255 without leading zeros; IPv6 as RFC 4291
 * text (hex groups, one {@code ::}, an optional dotted IPv4 tail), without brackets and without a
 * zone id. Anything else is not a literal.
 */
public final class IpLiteral {
    private IpLiteral() {}

    /** The 4 or 16 address bytes of {@code text}, or empty when it is not a literal. */
    public static Optional<byte[]> parse(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    /** A strict dotted quad, e.g. {@code 10.0.0.1}. */
    public static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = octet(parts[i]);
            if (octet < 0) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        return Optional.of(address);
    }

    private static int octet(String part) {
        if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /** An IPv6 address, e.g. {@code ::ffff:169.254.169.254} or {@code 64:ff9b::a9fe:a9fe}. */
    public static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        byte[] front = groups(head, gap < 0);
        byte[] back = groups(tail, true);
        if (front == null || back == null) {
            return Optional.empty();
        }
        int length = front.length + back.length;
        if (gap < 0 ? length != 16 : length > 14) {
            return Optional.empty();
        }
        byte[] address = new byte[16];
        System.arraycopy(front, 0, address, 0, front.length);
        System.arraycopy(back, 0, address, 16 - back.length, back.length);
        return Optional.of(address);
    }

    /**
     * The bytes of colon-separated hex groups; the last may be a dotted IPv4 address when
     * {@code ipv4Tail} allows it. {@code null} when malformed.
     */
    private static byte[] groups(String text, boolean ipv4Tail) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        byte[] bytes = new byte[parts.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (ipv4Tail && i == parts.length - 1 && part.indexOf('.') >= 0) {
                Optional<byte[]> ipv4 = ipv4(part);
                if (ipv4.isEmpty()) {
                    return null;
                }
                System.arraycopy(ipv4.get(), 0, bytes, length, 4);
                length += 4;
                continue;
            }
            int group = hexGroup(part);
            if (group < 0) {
                return null;
            }
            bytes[length++] = (byte) (group >> 8);
            bytes[length++] = (byte) group;
        }
        return length > 16 ? null : Arrays.copyOf(bytes, length);
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            int digit = c >= '0' && c <= '9'
                    ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
