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
        return digits(new StringBuilder(20).append(units / UNITS_PER_DOLLAR).append('.'), units % UNITS_PER_DOLLAR, 8)
                .toString();
    }

    /** Appends dollars to a millionth of a cent, without an exponent or trailing zeros: {@code 0.0000084}. */
    static StringBuilder dollarsPlain(StringBuilder text, double dollars) {
        long units = Math.round(dollars * UNITS_PER_DOLLAR);
        text.append(units / UNITS_PER_DOLLAR);
        long fraction = units % UNITS_PER_DOLLAR;
        if (fraction == 0) {
            return text;
        }
        int width = 8;
        while (fraction % 10 == 0) {
            fraction /= 10;
            width--;
        }
        return digits(text.append('.'), fraction, width);
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
            digits(text.append('.'), value, digits);
        }
        return text.append('Z');
    }

    /** Appends {@code value} (not negative) with leading zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder text, long value, int width) {
        long smallest = 1; // the smallest number with all the digits: 10^(width-1)
        for (int i = 1; i < width; i++) {
            smallest *= 10;
        }
        for (; smallest > 1 && value < smallest; smallest /= 10) {
            text.append('0');
        }
        return text.append(value);
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
