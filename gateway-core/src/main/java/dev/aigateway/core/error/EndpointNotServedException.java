package dev.aigateway.core.error;

/**
 * A target's provider does not serve the route at all ({@code imageGenerate is not supported by
 * anthropic}): a 400 gateway exception raised before any upstream call. Unlike other gateway
 * exceptions it does not stop a fallback: the next target may well serve the route.
 */
public final class EndpointNotServedException extends GatewayException {
    public EndpointNotServedException(String endpoint, String provider) {
        super(400, endpoint + " is not supported by " + provider);
    }
}
