package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tokens from the metadata server of Google Cloud (Compute Engine, GKE with Workload Identity,
 * Cloud Run, Cloud Functions): the default service account's token, asked for with
 * {@code Metadata-Flavor: Google}, and accepted only from an answer that carries that header back.
 * The metadata server is the last place Application Default Credentials look, so when it cannot be
 * reached the gateway has no Google credentials: a 401 that says how to give some.
 */
record MetadataServerTokens(String baseUrl, AuthHttp http, Clock clock) implements TokenSource {
    static final Map<String, String> FLAVOR = Map.of("Metadata-Flavor", "Google");
    static final String WHAT = "the metadata server";

    @Override
    public AccessToken fetch() {
        String text = call("/computeMetadata/v1/instance/service-accounts/default/token?scopes=" + GoogleAuth.SCOPE);
        JsonNode json = Json.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
        if (json == null || !json.isObject()) {
            throw new CredentialException(502, WHAT + " answered with something that is not a JSON object");
        }
        return AuthHttp.oauthToken(json, clock.instant(), WHAT);
    }

    /** The project the instance runs in. */
    String projectId() {
        return call("/computeMetadata/v1/project/project-id").strip();
    }

    private String call(String path) {
        return noCredentialsWhenAbsent(() -> http.get(baseUrl + path, FLAVOR, "Metadata-Flavor", WHAT));
    }

    private static String noCredentialsWhenAbsent(Supplier<String> call) {
        try {
            return call.get();
        } catch (CredentialException e) {
            if (!e.getMessage().startsWith(WHAT + AuthHttp.UNREACHABLE)) {
                throw e;
            }
            throw new CredentialException(
                    401,
                    "vertex-ai has no Google credentials: give vertex_service_account_json or an access token"
                            + " (api_key), or run the gateway with Application Default Credentials"
                            + " (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or the"
                            + " metadata server of Google Cloud; " + e.getMessage() + ")");
        }
    }
}
