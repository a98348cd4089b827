package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A service account's token obtained with another credential's token, through IAM Credentials'
 * {@code generateAccessToken} (the URL the credential file names): used by
 * {@code external_account} credentials with impersonation and by
 * {@code impersonated_service_account} ones.
 */
record ImpersonatedTokens(String url, TokenSource source, AuthHttp http, Clock clock) implements TokenSource {

    @Override
    public AccessToken fetch() {
        return impersonate(url, source.fetch().value(), http, clock);
    }

    static AccessToken impersonate(String url, String sourceToken, AuthHttp http, Clock clock) {
        ObjectNode body = Json.object();
        body.putArray("scope").add(GoogleAuth.SCOPE);
        body.put("lifetime", "3600s");
        String what = "the service account impersonation";
        JsonNode answer = http.postJson(url, sourceToken, body, what);
        String token = Json.textOrNull(answer, "accessToken");
        String expires = Json.textOrNull(answer, "expireTime");
        if (token == null || expires == null) {
            throw new CredentialException(502, what + " answered without accessToken and expireTime");
        }
        Instant now = clock.instant();
        try {
            Duration lifetime = Duration.between(now, Instant.parse(expires));
            return AccessToken.of(token, now, lifetime.isNegative() ? Duration.ZERO : lifetime);
        } catch (DateTimeParseException e) {
            throw new CredentialException(502, what + " answered with an unreadable expireTime");
        }
    }
}
