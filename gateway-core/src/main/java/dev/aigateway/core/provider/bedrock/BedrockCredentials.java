package dev.aigateway.core.provider.bedrock;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.provider.ProviderRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The AWS credentials a Bedrock call is signed with. In order:
 *
 * <ol>
 *   <li>the target's {@code aws_access_key_id} and {@code aws_secret_access_key} (with
 *       {@code aws_session_token} for temporary keys), Portkey's names;
 *   <li>when the target carries none, AWS's standard chain for the gateway's own identity
 *       (system properties, environment, web identity token, profile file, container and instance
 *       metadata), as every AWS SDK resolves it;
 *   <li>with {@code aws_role_arn} (and {@code aws_external_id}), either of those assumes the role
 *       through STS's {@code AssumeRole}, in the target's region. The temporary credentials are
 *       kept per base identity, role, external id and region, and fetched again shortly before
 *       they expire (AWS's provider refreshes once, under a lock, however many calls wait), not
 *       once per request.
 * </ol>
 *
 * <p>STS's address can be replaced ({@link #create}) so that tests talk to a fake on loopback; the
 * chain's metadata endpoints follow AWS's own settings ({@code AWS_EC2_METADATA_SERVICE_ENDPOINT},
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and their system properties). Thread-safe.
 */
public final class BedrockCredentials {
    private static final int MAX_ROLES = 256;
    private static final Duration STS_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STS_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String SESSION_NAME = "aigateway-bedrock";

    private final Supplier<AwsCredentialsProvider> chain;
    private final Optional<URI> stsEndpoint;
    /** One provider per role: two calls racing for a new role share it, and so its one STS call. */
    private final ConcurrentMap<RoleKey, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();

    private volatile AwsCredentialsProvider chainProvider;

    private BedrockCredentials(Supplier<AwsCredentialsProvider> chain, Optional<URI> stsEndpoint) {
        this.chain = chain;
        this.stsEndpoint = stsEndpoint;
    }

    /** AWS's default chain, created on the first call that needs it, and STS at its usual address. */
    public static BedrockCredentials standard() {
        return new BedrockCredentials(() -> DefaultCredentialsProvider.builder().build(), Optional.empty());
    }

    /** {@code chain} for targets without keys, and STS at {@code stsEndpoint} when given. */
    public static BedrockCredentials create(AwsCredentialsProvider chain, Optional<URI> stsEndpoint) {
        return new BedrockCredentials(() -> chain, stsEndpoint);
    }

    AwsCredentialsIdentity resolve(ProviderRequest request, String region) {
        Optional<String> roleArn = field(request, "awsRoleArn");
        AwsCredentialsProvider base = configured(request).orElseGet(this::chain);
        AwsCredentialsProvider provider = roleArn.isPresent()
                ? role(new RoleKey(identityKey(base), roleArn.get(), field(request, "awsExternalId"), region), base)
                : base;
        try {
            return provider.resolveIdentity().join();
        } catch (RuntimeException e) {
            throw failure(e, roleArn.isPresent());
        }
    }

    /** The cached provider for {@code key}; past {@value #MAX_ROLES} roles the cache starts over. */
    private AwsCredentialsProvider role(RoleKey key, AwsCredentialsProvider base) {
        StsAssumeRoleCredentialsProvider kept = roles.get(key);
        if (kept != null) {
            return kept;
        }
        if (roles.size() >= MAX_ROLES) {
            roles.clear();
        }
        return roles.computeIfAbsent(key, k -> assumeRole(base, k));
    }

    private Optional<AwsCredentialsProvider> configured(ProviderRequest request) {
        Optional<String> keyId = field(request, "awsAccessKeyId");
        Optional<String> secret = field(request, "awsSecretAccessKey");
        if (keyId.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (keyId.isEmpty() || secret.isEmpty()) {
            throw GatewayException.badRequest(
                    "bedrock needs aws_access_key_id and aws_secret_access_key together (or neither, to use the gateway's own AWS credentials)");
        }
        Optional<String> token = field(request, "awsSessionToken");
        return Optional.of(StaticCredentialsProvider.create(
                token.isPresent()
                        ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                        : AwsBasicCredentials.create(keyId.get(), secret.get())));
    }

    private AwsCredentialsProvider chain() {
        AwsCredentialsProvider current = chainProvider;
        if (current == null) {
            synchronized (this) {
                if (chainProvider == null) {
                    chainProvider = chain.get();
                }
                current = chainProvider;
            }
        }
        return current;
    }

    private StsAssumeRoleCredentialsProvider assumeRole(AwsCredentialsProvider base, RoleKey key) {
        var sts = StsClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(base)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(STS_CONNECT_TIMEOUT)
                        .socketTimeout(STS_READ_TIMEOUT)
                        .build());
        stsEndpoint.ifPresent(sts::endpointOverride);
        AssumeRoleRequest.Builder assume =
                AssumeRoleRequest.builder().roleArn(key.roleArn()).roleSessionName(SESSION_NAME);
        key.externalId().ifPresent(assume::externalId);
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(assume.build())
                .asyncCredentialUpdateEnabled(false)
                .build();
    }

    /**
     * Which identity a provider stands for, without holding its secret in the key: the chain is
     * one identity; configured keys are told apart by a hash of the key id, secret and token.
     */
    private String identityKey(AwsCredentialsProvider base) {
        if (!(base instanceof StaticCredentialsProvider)) {
            return "chain";
        }
        var credentials = base.resolveCredentials();
        String token = credentials instanceof AwsSessionCredentials session ? session.sessionToken() : "";
        return sha256(credentials.accessKeyId() + "\n" + credentials.secretAccessKey() + "\n" + token);
    }

    private static GatewayException failure(RuntimeException e, boolean assumingRole) {
        Throwable cause = e.getCause() != null && !(e instanceof SdkServiceException) ? e.getCause() : e;
        if (cause instanceof SdkServiceException service) {
            String message = service.getMessage() == null ? "" : service.getMessage();
            return new GatewayException(
                    service.statusCode() >= 500 ? 502 : 403,
                    "bedrock: STS refused to assume aws_role_arn: " + firstLine(message));
        }
        boolean noCredentials = String.valueOf(cause.getMessage()).contains("Unable to load credentials");
        if (cause instanceof SdkClientException && assumingRole && !noCredentials) {
            return new GatewayException(502, "bedrock: could not reach STS to assume aws_role_arn");
        }
        return GatewayException.badRequest(
                "bedrock: no AWS credentials: give aws_access_key_id and aws_secret_access_key, or run the gateway with AWS credentials (environment, profile, web identity, container or instance role)");
    }

    private static String firstLine(String message) {
        int end = message.indexOf('(');
        return (end > 0 ? message.substring(0, end) : message).strip();
    }

    private static Optional<String> field(ProviderRequest request, String name) {
        return request.options().field(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RoleKey(String identity, String roleArn, Optional<String> externalId, String region) {}
}
