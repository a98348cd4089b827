package dev.aigateway.core.provider.vertex.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigateway.core.error.CredentialException;
import dev.aigateway.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's own Google credentials, found as Google's client libraries find Application
 * Default Credentials: the file named by {@code GOOGLE_APPLICATION_CREDENTIALS}, else the file
 * {@code gcloud auth application-default login} writes, else the metadata server of the machine
 * (Compute Engine, GKE, Cloud Run). A file may hold a {@code service_account} key, an
 * {@code authorized_user} (gcloud), an {@code external_account} (workload identity federation) or an
 * {@code impersonated_service_account}.
 *
 * @param source where tokens come from
 * @param cacheKey the credential's name in the token cache
 * @param projectId the project the credential belongs to, if it says: asked for when first needed
 *     (the metadata server answers it over HTTP)
 * @param quotaProject the project to bill ({@code x-goog-user-project}), for user credentials that name one
 * @param origin where the credential was found, for messages
 */
record AmbientCredentials(
        TokenSource source,
        String cacheKey,
        Supplier<Optional<String>> projectId,
        Optional<String> quotaProject,
        String origin) {

    static final String CREDENTIALS_VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";
    static final String METADATA_HOST_VARIABLE = "GCE_METADATA_HOST";
    static final String DEFAULT_METADATA_HOST = "metadata.google.internal";

    /** Finds the credentials; a file that is named but unreadable is a {@link CredentialException}. */
    static AmbientCredentials find(GoogleAuth.Settings settings, AuthHttp http) {
        Map<String, String> env = settings.environment();
        Optional<String> envProject = Optional.ofNullable(env.get("GOOGLE_CLOUD_PROJECT"))
                .or(() -> Optional.ofNullable(env.get("GCLOUD_PROJECT")))
                .filter(p -> !p.isBlank());
        String named = env.get(CREDENTIALS_VARIABLE);
        if (named != null && !named.isBlank()) {
            return fromFile(Path.of(named), CREDENTIALS_VARIABLE + " file", envProject, settings, http);
        }
        Optional<Path> wellKnown = gcloudFile(env).filter(Files::isRegularFile);
        if (wellKnown.isPresent()) {
            return fromFile(wellKnown.get(), "gcloud application default credentials", envProject, settings, http);
        }
        String base = settings.metadataUrl()
                .orElseGet(() -> "http://"
                        + Optional.ofNullable(env.get(METADATA_HOST_VARIABLE))
                                .filter(h -> !h.isBlank())
                                .orElse(DEFAULT_METADATA_HOST));
        MetadataServerTokens metadata = new MetadataServerTokens(base, http, settings.clock());
        Supplier<Optional<String>> project = envProject.isPresent()
                ? () -> envProject
                : memoized(() -> Optional.of(metadata.projectId()).filter(p -> !p.isEmpty()));
        return new AmbientCredentials(metadata, "metadata:" + base, project, Optional.empty(), "the metadata server");
    }

    /** gcloud's file: under {@code CLOUDSDK_CONFIG}, {@code %APPDATA%\gcloud}, or {@code ~/.config/gcloud}. */
    private static Optional<Path> gcloudFile(Map<String, String> env) {
        String name = "application_default_credentials.json";
        if (env.containsKey("CLOUDSDK_CONFIG")) {
            return Optional.of(Path.of(env.get("CLOUDSDK_CONFIG"), name));
        }
        if (env.containsKey("APPDATA")) {
            return Optional.of(Path.of(env.get("APPDATA"), "gcloud", name));
        }
        return Optional.ofNullable(env.get("HOME")).map(home -> Path.of(home, ".config", "gcloud", name));
    }

    private static AmbientCredentials fromFile(
            Path file, String origin, Optional<String> envProject, GoogleAuth.Settings settings, AuthHttp http) {
        JsonNode json;
        try {
            json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new CredentialException(401, "the " + origin + " could not be read as JSON");
        }
        Optional<String> quota = Optional.ofNullable(Json.textOrNull(json, "quota_project_id"));
        Optional<String> project = envProject
                .or(() -> Optional.ofNullable(Json.textOrNull(json, "project_id")))
                .or(() -> quota);
        TokenSource source = source(json, origin, settings, http);
        String key = "file:" + ServiceAccountKey.digest(Json.text(json));
        return new AmbientCredentials(source, key, () -> project, quota, "the " + origin);
    }

    private static TokenSource source(JsonNode json, String origin, GoogleAuth.Settings settings, AuthHttp http) {
        String type = json.path("type").asText("");
        return switch (type) {
            case "service_account" -> new ServiceAccountTokens(
                    ServiceAccountKey.parse(Json.text(json), "the " + origin),
                    settings.tokenUrl(),
                    http,
                    settings.clock());
            case "authorized_user" -> new AuthorizedUserTokens(
                    required(json, "client_id", origin),
                    required(json, "client_secret", origin),
                    required(json, "refresh_token", origin),
                    settings.tokenUrl(),
                    http,
                    settings.clock());
            case "external_account" -> ExternalAccountTokens.of(json, http, settings.clock());
            case "impersonated_service_account" -> new ImpersonatedTokens(
                    required(json, "service_account_impersonation_url", origin),
                    source(json.path("source_credentials"), origin + " (source credentials)", settings, http),
                    http,
                    settings.clock());
            default -> throw new CredentialException(
                    401, "the " + origin + " has credentials of type '" + type + "', which this gateway does not read");
        };
    }

    private static String required(JsonNode json, String field, String origin) {
        String value = Json.textOrNull(json, field);
        if (value == null || value.isBlank()) {
            throw new CredentialException(401, "the " + origin + " has no " + field);
        }
        return value;
    }

    /** {@code supplier}'s first answer that is present, kept; an empty or failed one is asked again. */
    private static Supplier<Optional<String>> memoized(Supplier<Optional<String>> supplier) {
        return new Supplier<>() {
            private volatile Optional<String> kept = Optional.empty();

            @Override
            public Optional<String> get() {
                if (kept.isEmpty()) {
                    kept = supplier.get();
                }
                return kept;
            }
        };
    }
}
