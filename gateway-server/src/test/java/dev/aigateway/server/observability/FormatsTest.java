package dev.aigateway.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static String dollarsPlain(double dollars) {
        return Formats.dollarsPlain(new StringBuilder(), dollars).toString();
    }

    @Test
    void dollarsHaveEightDecimalsInTheHeaderAndNoTrailingZerosInTheLog() {
        assertEquals("0.00045000", Formats.dollarsFixed(0.00045));
        assertEquals("0.00000000", Formats.dollarsFixed(0));
        assertEquals("1234.50000000", Formats.dollarsFixed(1234.5));
        assertEquals("0.00000001", Formats.dollarsFixed(0.000000014));
        assertEquals("0.0000084", dollarsPlain(0.0000084));
        assertEquals("0.00045", dollarsPlain(0.00045));
        assertEquals("0", dollarsPlain(0));
        assertEquals("12.5", dollarsPlain(12.5));
        assertEquals("3", dollarsPlain(3));
    }

    @Test
    void dollarsReadAsBigDecimalWritesThemToTheMillionthOfACent() {
        Random random = new Random(18);
        for (int i = 0; i < 100_000; i++) {
            double dollars =
                    i % 2 == 0 ? random.nextDouble() / 1000 : random.nextDouble() * Math.pow(10, random.nextInt(7));
            BigDecimal units =
                    BigDecimal.valueOf(Math.round(dollars * 100_000_000L)).movePointLeft(8);
            assertEquals(units.toPlainString(), Formats.dollarsFixed(dollars), dollars + " fixed");
            String plain =
                    units.signum() == 0 ? "0" : units.stripTrailingZeros().toPlainString();
            assertEquals(plain, dollarsPlain(dollars), dollars + " plain");
            assertEquals(
                    "cost=" + plain,
                    Formats.dollarsPlain(new StringBuilder("cost="), dollars).toString());
        }
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
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant any = Instant.ofEpochSecond(second + random.nextInt(1_000), random.nextInt(1_000_000_000));
            assertEquals(any.toString(), Formats.time(any));
            Instant millis = Instant.ofEpochSecond(second, random.nextInt(1_000) * 1_000_000L);
            assertEquals(millis.toString(), Formats.time(millis));
        }
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
