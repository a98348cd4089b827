package dev.aigateway.core.error;

/**
 * A target's provider does not serve the call's endpoint ({@code embed} on a chat-only provider, say):
 * a 400 marked as the gateway's, before any upstream call. Unlike the gateway's other failures at a
 * target, a fallback moves on past it, to a target that serves the endpoint.
 */
public final class UnsupportedEndpointException extends GatewayException {
    public UnsupportedEndpointException(String message) {
        super(400, message);
    }

    @Override
    public boolean movesFallbackOn() {
        return true;
    }
}
