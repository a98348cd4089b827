package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed JWT a service account trades for an access token (RFC 7523, Google's "OAuth 2.0 for
 * server to server applications"): header {@code {"alg":"RS256","typ":"JWT","kid"}}, claims
 * {@code iss} (the account's email), {@code scope}, {@code aud} (the token endpoint), {@code iat}
 * and {@code exp} (one hour later, the most Google allows), signed with SHA256withRSA by the JDK.
 */
final class JwtAssertion {
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {}

    static String sign(ServiceAccountKey key, String scope, String audience, Instant now) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        key.privateKeyId().ifPresent(id -> header.put("kid", id));
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = Json.object()
                .put("iss", key.clientEmail())
                .put("scope", scope)
                .put("aud", audience)
                .put("iat", issuedAt)
                .put("exp", issuedAt + LIFETIME.toSeconds());
        String signingInput =
                BASE64URL.encodeToString(Json.bytes(header)) + "." + BASE64URL.encodeToString(Json.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the service account's key", e);
        }
    }
}
