package dev.aigateway.core.provider.vertex.auth;

/**
 * Where fresh access tokens for one credential come from (a token exchange, a metadata server).
 * Called at most once at a time per credential ({@link TokenCache}); failures are
 * {@link dev.aigateway.core.error.CredentialException}s.
 */
interface TokenSource {
    AccessToken fetch();
}
