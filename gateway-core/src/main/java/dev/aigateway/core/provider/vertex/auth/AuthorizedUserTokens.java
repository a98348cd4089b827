package dev.aigateway.core.provider.vertex.auth;

import java.time.Clock;
import java.util.Map;

/**
 * Tokens for an {@code authorized_user} credential (what {@code gcloud auth application-default
 * login} writes): its refresh token exchanged at the token endpoint.
 */
record AuthorizedUserTokens(
        String clientId, String clientSecret, String refreshToken, String tokenUrl, AuthHttp http, Clock clock)
        implements TokenSource {

    @Override
    public AccessToken fetch() {
        String what = "the token endpoint, for the gcloud user credentials,";
        return AuthHttp.oauthToken(
                http.postForm(
                        tokenUrl,
                        Map.of(
                                "grant_type", "refresh_token",
                                "client_id", clientId,
                                "client_secret", clientSecret,
                                "refresh_token", refreshToken),
                        what),
                clock.instant(),
                what);
    }

    @Override
    public String toString() {
        return "AuthorizedUserTokens[" + clientId + "]";
    }
}
