package dev.aigateway.core.config;

import java.util.Set;

/**
 * A node's {@code retry}: up to {@code attempts} extra calls when the answer's status is in
 * {@code onStatusCodes} or the upstream cannot be reached.
 *
 * @param useRetryAfterHeader on 429, wait as long as the upstream's {@code retry-after-ms},
 *     {@code x-ms-retry-after-ms} or {@code retry-after} header says, within a 60 s budget
 */
public record RetryConfig(int attempts, Set<Integer> onStatusCodes, boolean useRetryAfterHeader) {
    /** The statuses retried by default when {@code on_status_codes} is not given. */
    public static final Set<Integer> DEFAULT_STATUS_CODES = Set.of(429, 500, 502, 503, 504);

    /** Portkey documents 5 as the maximum; larger values are lowered to it. */
    public static final int MAX_ATTEMPTS = 5;

    public RetryConfig {
        onStatusCodes = Set.copyOf(onStatusCodes);
    }

    public static RetryConfig none() {
        return new RetryConfig(0, Set.of(), false);
    }
}
