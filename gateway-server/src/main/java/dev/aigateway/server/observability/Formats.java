package dev.aigateway.server.observability;

import java.time.Instant;

/**
 * The few numbers and times written for every request (the access log, the console, the cost
 * header), formatted without {@code String.format}, {@code BigDecimal} or a {@code
 * DateTimeFormatter} per call: those were most of the access log's cost on the hot path.
 */
final class Formats {
    private static final long UNITS_PER_DOLLAR = 100_000_000L; // a millionth of a cent

    /** The second last formatted, and its text up to the fraction. */
    private record Second(long epochSecond, String prefix) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private Formats() {}

    /** Dollars with eight decimals, as the cost header shows them: {@code 0.00045000}. */
    static String dollarsFixed(double dollars) {
        long units = Math.round(dollars * UNITS_PER_DOLLAR);
        StringBuilder text =
                new StringBuilder(20).append(units / UNITS_PER_DOLLAR).append('.');
        String fraction = Long.toString(units % UNITS_PER_DOLLAR);
        text.append("0".repeat(8 - fraction.length())).append(fraction);
        return text.toString();
    }

    /** Dollars to a millionth of a cent, without an exponent or trailing zeros: {@code 0.0000084}. */
    static String dollarsPlain(double dollars) {
        String fixed = dollarsFixed(dollars);
        int end = fixed.length();
        while (fixed.charAt(end - 1) == '0') {
            end--;
        }
        if (fixed.charAt(end - 1) == '.') {
            end--;
        }
        return fixed.substring(0, end);
    }

    /** As {@link Instant#toString()} (ISO-8601 in UTC), with the date and time of day made once a second. */
    static String time(Instant instant) {
        return time(new StringBuilder(32), instant).toString();
    }

    /** Appends {@link #time(Instant)} to {@code text}. */
    static StringBuilder time(StringBuilder text, Instant instant) {
        Second second = lastSecond;
        if (second.epochSecond() != instant.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
            second = new Second(instant.getEpochSecond(), whole.substring(0, whole.length() - 1));
            lastSecond = second;
        }
        int nanos = instant.getNano();
        text.append(second.prefix());
        if (nanos > 0) {
            int digits;
            int value;
            if (nanos % 1_000_000 == 0) {
                digits = 3;
                value = nanos / 1_000_000;
            } else if (nanos % 1000 == 0) {
                digits = 6;
                value = nanos / 1000;
            } else {
                digits = 9;
                value = nanos;
            }
            String fraction = Integer.toString(value);
            text.append('.').append("0".repeat(digits - fraction.length())).append(fraction);
        }
        return text.append('Z');
    }

    /**
     * Appends a duration in milliseconds, to the microsecond, as {@link Double#toString} writes
     * such a number below 10⁷ ({@code 0.378}, {@code 12.0}), without making the double.
     */
    static StringBuilder millis(StringBuilder text, long nanos) {
        if (nanos < 0) {
            return text.append(Math.round(nanos / 1000.0) / 1000.0);
        }
        long micros = (nanos + 500) / 1000;
        text.append(micros / 1000).append('.');
        int fraction = (int) (micros % 1000);
        if (fraction == 0) {
            return text.append('0');
        }
        if (fraction < 100) {
            text.append('0');
        }
        if (fraction < 10) {
            text.append('0');
        }
        while (fraction % 10 == 0) {
            fraction /= 10;
        }
        return text.append(fraction);
    }
}
