package dev.aigateway.core.provider.vertex.auth;

import java.time.Clock;
import java.util.Map;

/** Tokens for a service account key: a signed JWT exchanged at the token endpoint (JWT bearer grant). */
record ServiceAccountTokens(ServiceAccountKey key, String tokenUrl, AuthHttp http, Clock clock) implements TokenSource {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    @Override
    public AccessToken fetch() {
        String assertion = JwtAssertion.sign(key, GoogleAuth.SCOPE, tokenUrl, clock.instant());
        String what = "the token endpoint, for service account " + key.clientEmail() + ",";
        return AuthHttp.oauthToken(
                http.postForm(tokenUrl, Map.of("grant_type", GRANT, "assertion", assertion), what),
                clock.instant(),
                what);
    }
}
