package dev.aigateway.core.internal.routing;

import dev.aigateway.core.GatewayResponse;
import dev.aigateway.core.config.TargetPath;
import java.util.Optional;

/**
 * The answer of a config subtree and where it came from.
 *
 * @param provider the slug of the leaf that answered
 * @param gatewayException the gateway failed before or around the upstream call (a misconfigured
 *     target); fallback stops on it, as in Portkey, unless it {@code movesFallbackOn}
 * @param fallbackExhausted a fallback tried more than one target and every one failed
 * @param movesFallbackOn the gateway's failure says the target, not the request, is at fault
 *     ({@code GatewayException.movesFallbackOn}: its provider does not serve the endpoint, its
 *     credentials could not be exchanged): a fallback moves on to its next target whatever the
 *     status
 */
public record RoutedResponse(
        GatewayResponse response,
        TargetPath path,
        Optional<String> provider,
        int retryAttemptCount,
        boolean gatewayException,
        boolean fallbackExhausted,
        boolean movesFallbackOn) {

    public RoutedResponse(
            GatewayResponse response,
            TargetPath path,
            Optional<String> provider,
            int retryAttemptCount,
            boolean gatewayException,
            boolean fallbackExhausted) {
        this(response, path, provider, retryAttemptCount, gatewayException, fallbackExhausted, false);
    }

    /** Whether a fallback stops at this answer whatever its status: a gateway failure at the target. */
    public boolean endsFallback() {
        return gatewayException && !movesFallbackOn;
    }

    public int status() {
        return response.status();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() <= 299;
    }

    /** The same origin with another answer (a gate's copy of a stream). */
    public RoutedResponse withResponse(GatewayResponse value) {
        return new RoutedResponse(
                value, path, provider, retryAttemptCount, gatewayException, fallbackExhausted, movesFallbackOn);
    }

    /** The same answer, marked as the end of an exhausted fallback. */
    public RoutedResponse asFallbackExhausted() {
        return new RoutedResponse(response, path, provider, retryAttemptCount, gatewayException, true, movesFallbackOn);
    }

    /**
     * Whether the gateway already spent its own retries or fallbacks on this failure, so a client
     * retrying on top would only multiply the load ({@code x-should-retry: false}).
     */
    public boolean strategyExhausted() {
        return !isSuccess() && (retryAttemptCount == -1 || fallbackExhausted);
    }
}
