package dev.aigateway.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceContextTest {
    @Test
    void readsAndWritesTheW3cHeader() {
        TraceContext context = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .orElseThrow();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", context.traceId());
        assertEquals("00f067aa0ba902b7", context.spanId());
        assertTrue(context.sampled());
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", context.header());
        TraceContext child = context.child();
        assertEquals(context.traceId(), child.traceId());
        assertNotEquals(context.spanId(), child.spanId());
        assertFalse(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
                .orElseThrow()
                .sampled());
    }

    @Test
    void refusesWhatTheRecommendationRefuses() {
        for (String bad : new String[] {
            "",
            "garbage",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero span id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // 00 has no more fields
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0\r\n"
        }) {
            assertTrue(TraceContext.parse(bad).isEmpty(), bad);
        }
        assertTrue(
                TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later")
                        .isPresent(),
                "a later version's extra fields are ignored");
    }

    @Test
    void newTracesAreValid() {
        TraceContext fresh = TraceContext.newTrace();
        assertEquals(fresh, TraceContext.parse(fresh.header()).orElseThrow());
    }
}
