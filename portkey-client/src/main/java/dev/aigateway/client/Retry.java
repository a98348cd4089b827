package dev.aigateway.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Portkey's {@code retry} object: {@code {"attempts": n, "on_status_codes": [...],
 * "use_retry_after_header": true}}. {@code attempts} counts retries, so a request is sent up to
 * {@code attempts + 1} times; without {@code on_status_codes} the gateway retries 429, 500, 502,
 * 503 and 504. Immutable: the {@code with...} methods return changed copies.
 */
public final class Retry extends ConfigValue {
    private final int attempts;
    private final ArrayNode onStatusCodes;
    private final Boolean useRetryAfterHeader;

    private Retry(int attempts, ArrayNode onStatusCodes, Boolean useRetryAfterHeader) {
        super(toJson(attempts, onStatusCodes, useRetryAfterHeader));
        this.attempts = attempts;
        this.onStatusCodes = onStatusCodes;
        this.useRetryAfterHeader = useRetryAfterHeader;
    }

    /** Up to {@code attempts} retries after the first try; must not be negative. */
    public static Retry attempts(int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        return new Retry(attempts, null, null);
    }

    public int attempts() {
        return attempts;
    }

    /** Whether {@code use_retry_after_header} was set, and to what. */
    public Optional<Boolean> useRetryAfterHeader() {
        return Optional.ofNullable(useRetryAfterHeader);
    }

    /** Sets {@code on_status_codes}: the statuses that are retried. */
    public Retry withOnStatusCodes(int... codes) {
        return new Retry(attempts, statusCodes(codes), useRetryAfterHeader);
    }

    /** Sets {@code use_retry_after_header}: on 429, wait as the provider's retry-after headers say. */
    public Retry withUseRetryAfterHeader(boolean use) {
        return new Retry(attempts, onStatusCodes, use);
    }

    private static ObjectNode toJson(int attempts, ArrayNode onStatusCodes, Boolean useRetryAfterHeader) {
        ObjectNode json = newObject();
        json.put("attempts", attempts);
        if (onStatusCodes != null) {
            json.set("on_status_codes", onStatusCodes.deepCopy());
        }
        if (useRetryAfterHeader != null) {
            json.put("use_retry_after_header", useRetryAfterHeader);
        }
        return json;
    }
}
