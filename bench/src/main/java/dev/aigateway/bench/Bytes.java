package dev.aigateway.bench;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers for the fake and the probes, which look at HTTP traffic without parsing it. */
final class Bytes {
    private Bytes() {}

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Where {@code needle} first starts in {@code haystack[from, to)}, or -1. */
    static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
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
