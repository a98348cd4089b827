package dev.aigateway.core.provider.vertex.auth;

import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.internal.BoundedCache;
import dev.aigateway.core.provider.ProviderOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Google credentials for a Vertex AI target, in the order a target's settings choose them:
 *
 * <ol>
 *   <li>{@code vertex_service_account_json}: the key signs a JWT (RS256, JDK only) that is exchanged
 *       for an access token at the token endpoint;
 *   <li>{@code api_key} (or {@code Authorization: Bearer} in header mode): an access token used as
 *       it is;
 *   <li>otherwise the gateway's own Application Default Credentials ({@link AmbientCredentials}).
 * </ol>
 *
 * Tokens are cached per credential until shortly before they expire, and concurrent requests for a
 * credential whose token is due wait for one exchange ({@link TokenCache}). The gateway's own
 * credentials are sent only to Vertex AI's hosts or to a trusted custom host
 * ({@code TRUSTED_CUSTOM_HOSTS}, localhost): otherwise any caller could send the gateway's identity
 * to a host of its choosing. The token endpoint and the metadata server are settings, so that tests
 * run against fakes. Thread-safe.
 */
public final class GoogleAuth {
    /** The OAuth2 scope Vertex AI needs. */
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    public static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";

    static final String SERVICE_ACCOUNT_FIELD = "vertexServiceAccountJson";
    static final String SERVICE_ACCOUNT_NAME = "vertex_service_account_json";
    private static final int CACHED_CREDENTIALS = 1024;

    /** What the credentials need to know about their surroundings. */
    record Settings(
            String tokenUrl,
            Optional<String> metadataUrl,
            Map<String, String> environment,
            Clock clock,
            CustomHostValidator trustedHosts) {}

    private final Settings settings;
    private final AuthHttp http;
    private final TokenCache tokens;
    private final BoundedCache<String, ServiceAccountKey> keys = new BoundedCache<>(CACHED_CREDENTIALS);
    private final ReentrantLock ambientLock = new ReentrantLock();
    private volatile AmbientCredentials ambient;

    private GoogleAuth(Settings settings) {
        this.settings = settings;
        this.http = AuthHttp.shared();
        this.tokens = new TokenCache(settings.clock(), CACHED_CREDENTIALS);
    }

    /** Google's token endpoint; ADC from this process's environment and the real metadata server. */
    public static GoogleAuth fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The credential {@code options} choose (see the class comment). A service account key that is
     * not one is a 400 naming {@code vertex_service_account_json}.
     */
    public Credential credential(ProviderOptions options) {
        Optional<String> keyJson = options.field(SERVICE_ACCOUNT_FIELD).filter(json -> !json.isBlank());
        if (keyJson.isPresent()) {
            ServiceAccountKey key = keys.get(
                    ServiceAccountKey.digest(keyJson.get()),
                    digest -> ServiceAccountKey.parse(keyJson.get(), SERVICE_ACCOUNT_NAME));
            TokenSource source = new ServiceAccountTokens(key, settings.tokenUrl(), http, settings.clock());
            return new Credential(
                    () -> tokens.token("sa:" + key.cacheKey(), source).value(), key::projectId, Optional.empty());
        }
        Optional<String> given = options.apiKey().filter(token -> !token.isBlank());
        if (given.isPresent()) {
            return new Credential(given::get, Optional::empty, Optional.empty());
        }
        options.customHost().filter(host -> !trusted(host)).ifPresent(host -> {
            throw GatewayException.badRequest("vertex-ai: the gateway's own Google credentials are not sent to the"
                    + " custom host " + hostOf(host) + "; give an access token (api_key) or"
                    + " vertex_service_account_json with it, or trust the host (TRUSTED_CUSTOM_HOSTS)");
        });
        AmbientCredentials found = ambient();
        return new Credential(
                () -> tokens.token(found.cacheKey(), found.source()).value(), found.projectId(), found.quotaProject());
    }

    private AmbientCredentials ambient() {
        AmbientCredentials found = ambient;
        if (found != null) {
            return found;
        }
        ambientLock.lock();
        try {
            if (ambient == null) {
                ambient = AmbientCredentials.find(settings, http);
            }
            return ambient;
        } finally {
            ambientLock.unlock();
        }
    }

    private boolean trusted(String customHost) {
        return settings.trustedHosts().trusts(hostOf(customHost));
    }

    private static String hostOf(String customHost) {
        HttpUrl url = HttpUrl.parse(customHost.strip());
        return url == null ? customHost : url.host();
    }

    /**
     * One target's credential: a bearer token, fetched or refreshed when due and asked for only
     * when the call is made; the project it names, if any (a service account key's
     * {@code project_id}, the ADC project, asked of the metadata server only when needed); and the
     * project to bill ({@code x-goog-user-project}) for user credentials that name one.
     */
    public static final class Credential {
        private final Supplier<String> token;
        private final Supplier<Optional<String>> projectId;
        private final Optional<String> quotaProject;

        Credential(Supplier<String> token, Supplier<Optional<String>> projectId, Optional<String> quotaProject) {
            this.token = token;
            this.projectId = projectId;
            this.quotaProject = quotaProject;
        }

        public String token() {
            return token.get();
        }

        public Optional<String> projectId() {
            return projectId.get();
        }

        public Optional<String> quotaProject() {
            return quotaProject;
        }
    }

    /** Settings for {@link GoogleAuth}; each has a production default. */
    public static final class Builder {
        private String tokenUrl = DEFAULT_TOKEN_URL;
        private Optional<String> metadataUrl = Optional.empty();
        private Map<String, String> environment = System.getenv();
        private Clock clock = Clock.systemUTC();
        private CustomHostValidator trustedHosts = CustomHostValidator.fromEnvironment();

        private Builder() {}

        /** Where service accounts and gcloud user credentials get tokens ({@value #DEFAULT_TOKEN_URL}). */
        public Builder tokenUrl(String value) {
            this.tokenUrl = value;
            return this;
        }

        /**
         * The metadata server's base URL, e.g. {@code http://127.0.0.1:8080}; by default
         * {@code http://$GCE_METADATA_HOST}, else {@code http://metadata.google.internal}.
         */
        public Builder metadataUrl(String value) {
            this.metadataUrl = Optional.of(value);
            return this;
        }

        /** The environment ADC reads ({@code GOOGLE_APPLICATION_CREDENTIALS}, {@code HOME}, ...). */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** Time for JWTs and token expiry. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The custom hosts the gateway's own credentials may be sent to. */
        public Builder trustedHosts(CustomHostValidator value) {
            this.trustedHosts = value;
            return this;
        }

        public GoogleAuth build() {
            return new GoogleAuth(new Settings(tokenUrl, metadataUrl, environment, clock, trustedHosts));
        }
    }
}
