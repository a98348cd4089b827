package dev.aigateway.server.observability;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context ({@code traceparent: 00-<trace id>-<parent id>-<flags>}): the trace a call
 * belongs to, the span it continues, whether it is sampled.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero
 * @param sampled the {@code sampled} flag
 */
record TraceContext(String traceId, String spanId, boolean sampled) {
    static final String HEADER = "traceparent";
    static final String STATE_HEADER = "tracestate";

    /** A {@code traceparent} value as the W3C recommendation defines it, or empty for anything else. */
    static Optional<TraceContext> parse(String value) {
        String v = value.strip();
        if (v.length() < 55 || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
            return Optional.empty();
        }
        String version = v.substring(0, 2);
        if (!hex(version) || version.equals("ff") || (version.equals("00") && v.length() != 55)) {
            return Optional.empty();
        }
        if (v.length() > 55 && v.charAt(55) != '-') {
            return Optional.empty(); // a later version may append fields after a dash
        }
        String trace = v.substring(3, 35);
        String span = v.substring(36, 52);
        String flags = v.substring(53, 55);
        if (!hex(trace) || !hex(span) || !hex(flags) || zero(trace) || zero(span)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(trace, span, (Integer.parseInt(flags, 16) & 1) == 1));
    }

    /** A new sampled trace with a new span. */
    static TraceContext newTrace() {
        return new TraceContext(randomHex(16), newSpanId(), true);
    }

    /** A span of this trace other than this one. */
    TraceContext child() {
        return new TraceContext(traceId, newSpanId(), sampled);
    }

    String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    static String newSpanId() {
        return randomHex(8);
    }

    private static String randomHex(int bytes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(bytes * 2);
        while (hex.length() < bytes * 2) {
            String part = Long.toHexString(random.nextLong());
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        String id = hex.substring(0, bytes * 2);
        return zero(id) ? randomHex(bytes) : id;
    }

    private static boolean hex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
