package dev.aigateway.core.routing;

import dev.aigateway.core.GatewayResponse;
import java.util.Optional;

/**
 * The answer of a config subtree and where it came from.
 *
 * @param provider the slug of the leaf that answered
 * @param gatewayException the gateway failed before or around the upstream call (a misconfigured
 *     target); fallback stops on it, as in Portkey
 */
public record RoutedResponse(
        GatewayResponse response,
        TargetPath path,
        Optional<String> provider,
        int retryAttemptCount,
        boolean gatewayException) {

    public int status() {
        return response.status();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() <= 299;
    }
}
