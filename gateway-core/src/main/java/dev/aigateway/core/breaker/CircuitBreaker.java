package dev.aigateway.core.breaker;

import dev.aigateway.core.config.CircuitBreakerConfig;
import dev.aigateway.core.config.StrategyMode;
import dev.aigateway.core.config.Target;
import dev.aigateway.core.config.TargetPath;
import dev.aigateway.core.pipeline.CallRequest;
import dev.aigateway.core.pipeline.GatedTarget;
import dev.aigateway.core.pipeline.TargetGate;
import dev.aigateway.core.state.SharedState;
import dev.aigateway.core.state.SharedStateUnavailableException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Portkey's {@code strategy.cb_config}: a {@link TargetGate} that skips the targets of fallback and
 * loadbalance strategies that keep failing. Per target of each strategy path (and per provider key
 * and caller key, {@link BreakerKey}), it counts answers and failures in windows of the cooldown;
 * when the failures reach {@code failure_threshold}, or their share reaches {@code
 * failure_threshold_percentage} over at least {@code minimum_requests} answers, the target opens
 * for the cooldown. Then one request, across all replicas, probes it (half-open): an answer that is
 * not a failure closes it, a failure opens it for another cooldown. A nested strategy counts as
 * open when every target below it is. When every target of a strategy is open the breaker is
 * bypassed, and a success there closes the breaker it passed.
 *
 * <p>State lives in a {@link SharedState}: in memory for one process, in Redis for replicas that
 * share it. When the store cannot answer, targets are let through (fail open) and the outage is
 * logged at FINE (the store logs it once at WARNING). A breaker that opens or closes is logged at
 * INFO by the target's place in the config and provider, never its key. A 2xx stream counts as a
 * success once its first event has arrived, and is counted again as a failure if it is cut later.
 * Thread-safe.
 */
public final class CircuitBreaker implements TargetGate {
    private static final Logger LOG = Logger.getLogger(CircuitBreaker.class.getName());

    private final BreakerStore store;
    private final Clock clock;

    private CircuitBreaker(SharedState state, Clock clock) {
        this.store = new BreakerStore(state);
        this.clock = clock;
    }

    /** A breaker keeping its state in {@code state}, on the system clock. */
    public static CircuitBreaker create(SharedState state) {
        return new CircuitBreaker(state, Clock.systemUTC());
    }

    /**
     * A breaker on {@code clock}, which says when a cooldown ends; the store's own time still
     * bounds how long the state is kept. For tests that pass a cooldown without waiting for it.
     */
    public static CircuitBreaker create(SharedState state, Clock clock) {
        return new CircuitBreaker(state, clock);
    }

    @Override
    public Pass admit(GatedTarget target) {
        if (target.circuitBreaker().isEmpty()) {
            return Pass.OPEN;
        }
        CircuitBreakerConfig config = target.circuitBreaker().get();
        try {
            if (target.target().isLeaf()) {
                String key = BreakerKey.of(target.call(), target.path(), target.target());
                String name = target.path() + " (" + target.target().provider().orElse("") + ")";
                return leafPass(key, name, config);
            }
            return allOpen(target.call(), target.path(), target.target(), target.circuitBreaker())
                    ? BreakerPass.HELD
                    : Pass.OPEN;
        } catch (SharedStateUnavailableException e) {
            LOG.log(Level.FINE, "breaker state unavailable; letting the target through", e);
            return Pass.OPEN;
        }
    }

    private Pass leafPass(String key, String name, CircuitBreakerConfig config) {
        OptionalLong openUntil = store.openUntil(key);
        BreakerPass.Kind kind;
        if (openUntil.isEmpty()) {
            kind = BreakerPass.Kind.CLOSED;
        } else if (clock.millis() < openUntil.getAsLong() || !store.claimProbe(key)) {
            kind = BreakerPass.Kind.OPEN;
        } else {
            kind = BreakerPass.Kind.PROBE;
        }
        return new BreakerPass(store, new BreakerPass.Breaker(key, name, config), kind, clock);
    }

    /**
     * Whether every target below {@code node} is open, peeking without claiming probes: a half-open
     * target counts as available, and so does a conditional strategy (the breaker does not judge
     * those) and a target no {@code cb_config} covers.
     */
    private boolean allOpen(CallRequest call, TargetPath path, Target node, Optional<CircuitBreakerConfig> inherited) {
        if (node.isLeaf()) {
            if (inherited.isEmpty()) {
                return false;
            }
            OptionalLong openUntil = store.openUntil(BreakerKey.of(call, path, node));
            return openUntil.isPresent() && clock.millis() < openUntil.getAsLong();
        }
        if (node.strategy().orElseThrow().mode() == StrategyMode.CONDITIONAL) {
            return false;
        }
        Optional<CircuitBreakerConfig> own =
                node.strategy().get().circuitBreaker().or(() -> inherited);
        for (int i = 0; i < node.targets().size(); i++) {
            if (!allOpen(call, path.child(i), node.targets().get(i), own)) {
                return false;
            }
        }
        return true;
    }
}
