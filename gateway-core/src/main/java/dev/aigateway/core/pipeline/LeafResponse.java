package dev.aigateway.core.pipeline;

import dev.aigateway.core.GatewayResponse;

/**
 * A leaf's answer.
 *
 * @param retryAttemptCount Portkey's {@code x-portkey-retry-attempt-count}: retries made, or -1
 *     when retries ran out and the last status was still one to retry
 * @param unreachable the upstream could not be reached (no HTTP answer); such failures are retried
 *     whatever the retry status codes
 */
public record LeafResponse(GatewayResponse response, int retryAttemptCount, boolean unreachable) {
    public static LeafResponse of(GatewayResponse response) {
        return new LeafResponse(response, 0, false);
    }

    public LeafResponse withRetryAttemptCount(int count) {
        return new LeafResponse(response, count, unreachable);
    }
}
