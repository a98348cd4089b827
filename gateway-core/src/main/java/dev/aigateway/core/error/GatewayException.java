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

    /** A 400 for anything the caller sent wrong. */
    public static GatewayException badRequest(String message) {
        return new GatewayException(400, message);
    }
}
