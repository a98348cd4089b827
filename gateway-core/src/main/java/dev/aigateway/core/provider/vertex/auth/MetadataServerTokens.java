package dev.aigateway.core.provider.vertex.auth;

import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Tokens from the metadata server of Google Cloud (Compute Engine, GKE with Workload Identity,
 * Cloud Run, Cloud Functions): the default service account's token, asked for with
 * {@code Metadata-Flavor: Google}, and accepted only from an answer that carries that header back.
 */
record MetadataServerTokens(String baseUrl, AuthHttp http, Clock clock) implements TokenSource {
    static final Map<String, String> FLAVOR = Map.of("Metadata-Flavor", "Google");

    @Override
    public AccessToken fetch() {
        String what = "the metadata server";
        String text = http.get(
                baseUrl + "/computeMetadata/v1/instance/service-accounts/default/token?scopes=" + GoogleAuth.SCOPE,
                FLAVOR,
                "Metadata-Flavor",
                what);
        var json = Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
        if (json == null || !json.isObject()) {
            throw new CredentialException(502, what + " answered with something that is not a JSON object");
        }
        return AuthHttp.oauthToken(json, clock.instant(), what);
    }

    /** The project the instance runs in. */
    String projectId() {
        return http.get(
                        baseUrl + "/computeMetadata/v1/project/project-id",
                        FLAVOR,
                        "Metadata-Flavor",
                        "the metadata server")
                .strip();
    }
}
