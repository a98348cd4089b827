package dev.aigateway.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A strategy's {@code cb_config}, as Portkey's hosted gateway documents it: a target of the
 * strategy opens (is skipped) once its failures reach {@code failureThreshold}, or its failure rate
 * reaches {@code failureThresholdPercentage} over at least {@code minimumRequests} answers, within
 * one window of {@code cooldown}; it stays open for {@code cooldown}, then lets one probe through.
 * Nested strategies that set none inherit it; conditional strategies pass none to their targets.
 *
 * @param failureThreshold failures that open the target; at least one of this and the percentage
 * @param failureThresholdPercentage failure rate in percent (above 0, at most 100) that opens it
 * @param minimumRequests answers needed before the rate counts ({@value #DEFAULT_MINIMUM_REQUESTS}
 *     by default)
 * @param cooldown how long a target stays open, and the length of a counting window; never under
 *     {@link #MIN_COOLDOWN}
 * @param failureStatusCodes the statuses that count as failures; by default 408 (a timeout) and
 *     every status from 500 on
 */
public record CircuitBreakerConfig(
        OptionalInt failureThreshold,
        OptionalDouble failureThresholdPercentage,
        int minimumRequests,
        Duration cooldown,
        Optional<Set<Integer>> failureStatusCodes) {
    /** Portkey raises shorter {@code cooldown_interval}s to 30 s; so does this gateway. */
    public static final Duration MIN_COOLDOWN = Duration.ofSeconds(30);

    public static final int DEFAULT_MINIMUM_REQUESTS = 5;

    public CircuitBreakerConfig {
        if (failureThreshold.isEmpty() && failureThresholdPercentage.isEmpty()) {
            throw new IllegalArgumentException("a failure threshold or a failure percentage is required");
        }
        if (cooldown.compareTo(MIN_COOLDOWN) < 0) {
            cooldown = MIN_COOLDOWN;
        }
        minimumRequests = Math.max(1, minimumRequests);
        failureStatusCodes = failureStatusCodes.map(Set::copyOf);
    }

    /** Whether an answer with {@code status} counts against the target. */
    public boolean isFailure(int status) {
        return failureStatusCodes.map(codes -> codes.contains(status)).orElse(status == 408 || status >= 500);
    }

    /** Whether {@code failures} out of {@code answers} open the target. */
    public boolean opensAt(long failures, long answers) {
        if (failureThreshold.isPresent() && failures >= failureThreshold.getAsInt()) {
            return true;
        }
        return failureThresholdPercentage.isPresent()
                && answers >= minimumRequests
                && failures * 100.0 >= failureThresholdPercentage.getAsDouble() * answers;
    }
}
