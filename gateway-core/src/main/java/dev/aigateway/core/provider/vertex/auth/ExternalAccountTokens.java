package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens for an {@code external_account} credential (workload identity federation: a Kubernetes,
 * Azure or OIDC identity outside Google Cloud). The subject token is read from the file or URL the
 * credential names ({@code credential_source}, as text or as a JSON field), exchanged at the STS
 * {@code token_url} (RFC 8693 token exchange), and, when the credential names
 * {@code service_account_impersonation_url}, traded for that service account's token. AWS sources
 * ({@code environment_id}) and executables are not supported. These URLs come from the operator's
 * credential file, not from callers.
 */
final class ExternalAccountTokens implements TokenSource {
    static final String DEFAULT_STS_URL = "https://sts.googleapis.com/v1/token";

    private final JsonNode credential;
    private final AuthHttp http;
    private final Clock clock;

    private ExternalAccountTokens(JsonNode credential, AuthHttp http, Clock clock) {
        this.credential = credential;
        this.http = http;
        this.clock = clock;
    }

    /** The source for {@code credential}; a source this gateway cannot read is refused at once. */
    static ExternalAccountTokens of(JsonNode credential, AuthHttp http, Clock clock) {
        JsonNode source = credential.path("credential_source");
        if (!source.hasNonNull("file") && !source.hasNonNull("url")) {
            throw new CredentialException(
                    401,
                    "the external_account credential's credential_source must name a file or a url"
                            + " (AWS and executable sources are not supported)");
        }
        if (Json.textOrNull(credential, "audience") == null) {
            throw new CredentialException(401, "the external_account credential has no audience");
        }
        return new ExternalAccountTokens(credential, http, clock);
    }

    @Override
    public AccessToken fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("audience", credential.path("audience").asText());
        form.put("scope", GoogleAuth.SCOPE);
        form.put("requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
        form.put("subject_token", subjectToken());
        form.put(
                "subject_token_type",
                credential.path("subject_token_type").asText("urn:ietf:params:oauth:token-type:jwt"));
        String stsUrl = credential.path("token_url").asText(DEFAULT_STS_URL);
        AccessToken federated =
                AuthHttp.oauthToken(http.postForm(stsUrl, form, "the STS token exchange"), clock.instant(), "STS");
        return Optional.ofNullable(Json.textOrNull(credential, "service_account_impersonation_url"))
                .map(url -> ImpersonatedTokens.impersonate(url, federated.value(), http, clock))
                .orElse(federated);
    }

    /** The subject token from the credential's file or URL, whole or one field of its JSON. */
    private String subjectToken() {
        JsonNode source = credential.path("credential_source");
        String raw;
        if (source.hasNonNull("file")) {
            try {
                raw = Files.readString(Path.of(source.path("file").asText()), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new CredentialException(
                        401, "the external_account credential's subject token file could not be read");
            }
        } else {
            Map<String, String> headers = new HashMap<>();
            source.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            raw = http.get(source.path("url").asText(), headers, null, "the subject token URL");
        }
        JsonNode format = source.path("format");
        if (!"json".equals(format.path("type").asText("text"))) {
            return raw.strip();
        }
        JsonNode json = Json.parseOrNull(raw.getBytes(StandardCharsets.UTF_8));
        String field = format.path("subject_token_field_name").asText("");
        String token = json == null ? null : Json.textOrNull(json, field);
        if (token == null) {
            throw new CredentialException(401, "the external_account subject token has no field '" + field + "'");
        }
        return token;
    }
}
