package dev.aigateway.core.internal.routing;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;

/**
 * The answer of a config subtree and where it came from.
 *
 * @param provider the slug of the leaf that answered
 * @param gatewayException the gateway failed before or around the upstream call (a misconfigured
 *     target); fallback stops on it, as in Portkey, unless {@code notServed}
 * @param fallbackExhausted a fallback tried more than one target and every one failed
 * @param notServed the target's provider does not serve the route: fallback moves on whatever its
 *     {@code on_status_codes}
 */
public record RoutedResponse(
        GatewayResponse response,
        TargetPath path,
        Optional<String> provider,
        int retryAttemptCount,
        boolean gatewayException,
        boolean fallbackExhausted,
        boolean notServed) {

    public RoutedResponse(
            GatewayResponse response,
            TargetPath path,
            Optional<String> provider,
            int retryAttemptCount,
            boolean gatewayException,
            boolean fallbackExhausted) {
        this(response, path, provider, retryAttemptCount, gatewayException, fallbackExhausted, false);
    }

    public int status() {
        return response.status();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() <= 299;
    }

    /** The same answer, marked as the end of an exhausted fallback. */
    public RoutedResponse asFallbackExhausted() {
        return new RoutedResponse(response, path, provider, retryAttemptCount, gatewayException, true, notServed);
    }

    /**
     * Whether the gateway already spent its own retries or fallbacks on this failure, so a client
     * retrying on top would only multiply the load ({@code x-should-retry: false}).
     */
    public boolean strategyExhausted() {
        return !isSuccess() && (retryAttemptCount == -1 || fallbackExhausted);
    }
}
