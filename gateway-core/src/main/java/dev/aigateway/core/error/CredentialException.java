package dev.aigateway.core.error;

/**
 * A target's credentials could not be turned into what its provider wants (a service account's
 * token exchange refused or unreachable, no ambient credentials where the target relies on them):
 * answered with its status (401 for refused credentials, 429 when the token service limits,
 * 502 when it fails or cannot be reached) and marked as the gateway's, before any call to the
 * provider. A fallback moves on past it, as past a provider that refused the credentials itself.
 * Messages never hold the credentials or tokens.
 */
public final class CredentialException extends GatewayException {
    public CredentialException(int status, String message) {
        super(status, message);
    }

    @Override
    public boolean movesFallbackOn() {
        return true;
    }
}
