package dev.aigateway.core.error;

/**
 * A failure the gateway itself detects (bad input, bad config, unsupported provider). It is answered
 * with Portkey's gateway body {@code {"status":"failure","message":...}} and the given status; it
 * never reaches an upstream. Messages must not contain credentials.
 */
public class GatewayException extends RuntimeException {
    private final int status;

    public GatewayException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Whether a fallback moves on past the target where this was thrown, to its next target. False
     * for most: a gateway failure at a target (a misconfigured one) ends a fallback, as in Portkey.
     * True where the target, not the request, is at fault and another target may serve it: a
     * provider that does not serve the endpoint, credentials that could not be exchanged.
     */
    public boolean movesFallbackOn() {
        return false;
    }

    /** A 400 for anything the caller sent wrong. */
    public static GatewayException badRequest(String message) {
        return new GatewayException(400, message);
    }
}
