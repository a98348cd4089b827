package dev.aigateway.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void dollarsHaveEightDecimalsInTheHeaderAndNoTrailingZerosInTheLog() {
        assertEquals("0.00045000", Formats.dollarsFixed(0.00045));
        assertEquals("0.00000000", Formats.dollarsFixed(0));
        assertEquals("1234.50000000", Formats.dollarsFixed(1234.5));
        assertEquals("0.00000001", Formats.dollarsFixed(0.000000014));
        assertEquals("0.0000084", Formats.dollarsPlain(0.0000084));
        assertEquals("0.00045", Formats.dollarsPlain(0.00045));
        assertEquals("0", Formats.dollarsPlain(0));
        assertEquals("12.5", Formats.dollarsPlain(12.5));
        assertEquals("3", Formats.dollarsPlain(3));
    }

    @Test
    void timesReadAsInstantWritesThem() {
        long second = 1_796_580_193L;
        for (int nanos : new int[] {0, 309_000_000, 309_367_000, 309_367_616, 1, 5_000, 7_000_000, 999_999_999}) {
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertEquals(instant.toString(), Formats.time(instant));
        }
        Instant next = Instant.ofEpochSecond(second + 1, 42);
        assertEquals(next.toString(), Formats.time(next));
        Instant earlier = Instant.ofEpochSecond(second - 86_400, 1_000);
        assertEquals(earlier.toString(), Formats.time(earlier));
    }

    @Test
    void millisecondsReadAsDoubleToStringWritesThemRoundedToTheMicrosecond() {
        long[] samples = {
            0,
            1,
            499,
            500,
            378_123,
            378_500,
            1_000_000,
            12_000_000,
            199_120_000,
            5_010_000,
            1_234_567_891,
            3_600_000_000_000L,
            9_999_999_999_000L
        };
        for (long nanos : samples) {
            String expected = Double.toString(Math.round(nanos / 1000.0) / 1000.0);
            assertEquals(expected, Formats.millis(new StringBuilder(), nanos).toString(), nanos + " ns");
        }
        Random random = new Random(18);
        for (int i = 0; i < 100_000; i++) {
            long nanos = (long) (random.nextDouble() * 1e12);
            String expected = Double.toString(Math.round(nanos / 1000.0) / 1000.0);
            assertEquals(expected, Formats.millis(new StringBuilder(), nanos).toString(), nanos + " ns");
        }
        // From 10⁷ ms (2.8 hours) on, Double.toString would switch to an exponent: this does not.
        assertEquals(
                "10000000.0",
                Formats.millis(new StringBuilder(), 9_999_999_999_999L).toString());
    }
}
