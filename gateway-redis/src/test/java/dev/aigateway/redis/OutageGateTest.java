package dev.aigateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageGateTest {
    private final AtomicLong now = new AtomicLong(5_000);
    private final OutageGate gate = new OutageGate(now::get, 1_000);

    @Test
    void anOpenGateLetsEveryCallThrough() {
        for (int i = 0; i < 3; i++) {
            assertTrue(gate.tryPass());
        }
        assertFalse(gate.succeeded(), "no outage to end");
        assertFalse(gate.isClosed());
    }

    @Test
    void aFailureClosesTheGateForTheBackoff() {
        assertTrue(gate.failed(), "the first failure starts an outage");
        assertFalse(gate.failed(), "a second one does not");

        now.addAndGet(999);
        assertFalse(gate.tryPass());
        assertTrue(gate.isClosed());
    }

    @Test
    void afterTheBackoffOneProbePassesAndTheOthersWait() {
        gate.failed();
        now.addAndGet(1_000);

        assertTrue(gate.tryPass(), "the probe");
        assertFalse(gate.tryPass(), "others wait for the probe");
        assertFalse(gate.tryPass());
    }

    @Test
    void aSuccessfulProbeOpensTheGate() {
        gate.failed();
        now.addAndGet(1_000);
        gate.tryPass();

        assertTrue(gate.succeeded(), "the outage ended");
        assertTrue(gate.tryPass());
        assertTrue(gate.tryPass());
        assertFalse(gate.isClosed());
    }

    @Test
    void aFailedProbeStartsANewBackoff() {
        gate.failed();
        now.addAndGet(1_500);
        assertTrue(gate.tryPass());
        assertFalse(gate.failed(), "the outage goes on");

        now.addAndGet(999);
        assertFalse(gate.tryPass());
        now.addAndGet(1);
        assertTrue(gate.tryPass());
        assertEquals(1_000, gate.backoffMillis());
    }

    @Test
    void aProbeThatNeverReportsBlocksOnlyOneBackoff() {
        gate.failed();
        now.addAndGet(1_000);
        assertTrue(gate.tryPass()); // a probe whose thread died without reporting

        now.addAndGet(999);
        assertFalse(gate.tryPass());
        now.addAndGet(1);
        assertTrue(gate.tryPass(), "the next probe");
    }
}
