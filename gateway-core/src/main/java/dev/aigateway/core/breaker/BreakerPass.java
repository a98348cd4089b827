package dev.aigateway.core.breaker;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.CircuitBreakerConfig;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.state.SharedStateUnavailableException;
import dev.aigateway.core.stream.ForwardingChunkSink;
import java.io.IOException;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The breaker's decision about one try of one target, and what it records once the target has
 * answered: a closed breaker counts the answer (and opens when the count says so), a probe closes
 * or re-opens it, and an open one that routing tried anyway (every target was open) closes on a
 * success. A 2xx stream is heard to its end, so that a cut counts as a failure.
 */
final class BreakerPass implements TargetGate.Pass {
    private static final Logger LOG = Logger.getLogger(BreakerPass.class.getName());

    /** Held back, with nothing to record: a nested strategy whose targets are all open. */
    static final TargetGate.Pass HELD = () -> false;

    enum Kind {
        CLOSED,
        OPEN,
        PROBE
    }

    /**
     * One breaker: its key in the store, a name for the log ({@code config.targets[0] (openai)})
     * and its config.
     */
    record Breaker(String key, String name, CircuitBreakerConfig config) {}

    private final BreakerStore store;
    private final String key;
    private final CircuitBreakerConfig config;
    private final String name;
    private final Kind kind;
    private final Clock clock;

    BreakerPass(BreakerStore store, Breaker breaker, Kind kind, Clock clock) {
        this.store = store;
        this.key = breaker.key();
        this.config = breaker.config();
        this.name = breaker.name();
        this.kind = kind;
        this.clock = clock;
    }

    @Override
    public boolean allowed() {
        return kind != Kind.OPEN;
    }

    @Override
    public GatewayResponse answered(GatewayResponse answer) {
        int status = answer.status();
        boolean success = status >= 200 && status <= 299;
        boolean failure = config.isFailure(status);
        try {
            switch (kind) {
                case CLOSED -> {
                    if (success || failure) {
                        record(failure, false);
                    }
                }
                case PROBE -> {
                    if (failure) {
                        reopen();
                    } else {
                        close("its probe answered " + status);
                    }
                }
                case OPEN -> {
                    if (success) {
                        close("every target was open and it answered " + status);
                    }
                }
            }
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.FINE, "breaker state unavailable; the answer is not counted", e);
        }
        if (success && answer instanceof GatewayResponse.Streaming stream) {
            return stream.withFilter(next -> new ForwardingChunkSink(next) {
                @Override
                public void finish(boolean complete) throws IOException {
                    try {
                        super.finish(complete);
                    } finally {
                        if (!complete) {
                            lateFailure();
                        }
                    }
                }
            });
        }
        return answer;
    }

    private void record(boolean failure, boolean late) {
        long[] counts =
                late ? store.countLateFailure(key, config.cooldown()) : store.count(key, failure, config.cooldown());
        if (failure && config.opensAt(counts[0], counts[1])) {
            reopen();
        }
    }

    private void reopen() {
        store.open(key, clock.millis() + config.cooldown().toMillis(), config.cooldown());
        LOG.info(() -> "circuit breaker opened for " + name + " for "
                + config.cooldown().toSeconds() + " s");
    }

    private void close(String why) {
        store.close(key);
        LOG.info(() -> "circuit breaker closed for " + name + ": " + why);
    }

    private void lateFailure() {
        try {
            record(true, true);
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.FINE, "breaker state unavailable; the cut stream is not counted", e);
        }
    }
}
