package dev.aigateway.core.provider.bedrock;

import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.ProviderRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a Bedrock call with AWS Signature Version 4, using AWS's own signer ({@code http-auth-aws}):
 * the method, path (its segments encoded once more, as AWS wants for every service but S3), query,
 * every header the gateway sends and the body's SHA-256, under the credentials
 * {@link BedrockCredentials} resolves for the target. The time comes from the call's clock, so tests
 * sign exactly. Thread-safe.
 */
final class BedrockSigner {
    static final String SERVICE = "bedrock";

    private final BedrockCredentials credentials;

    BedrockSigner(BedrockCredentials credentials) {
        this.credentials = credentials;
    }

    Headers sign(ProviderRequest request, String region, String url, Headers headers, byte[] body) {
        AwsCredentialsIdentity identity = credentials.resolve(request, region);
        return sign(
                "POST",
                url,
                headers,
                body,
                identity,
                SERVICE,
                region,
                request.context().clock());
    }

    /**
     * {@code headers} plus the signature's ({@code authorization}, {@code x-amz-date}, and
     * {@code x-amz-security-token} for temporary credentials). {@code host} is signed but not
     * returned: the HTTP client sends the same value from the URL.
     */
    static Headers sign(
            String method,
            String url,
            Headers headers,
            byte[] body,
            AwsCredentialsIdentity identity,
            String service,
            String region,
            Clock clock) {
        SdkHttpRequest.Builder http =
                SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create(url));
        headers.forEach(http::appendHeader);
        SignedRequest signed = Signer.INSTANCE.sign(r -> r.identity(identity)
                .request(http.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Headers.Builder out = Headers.builder();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> out.add(name, value));
            }
        });
        return out.build();
    }

    /** AWS's signer, created on the first signature: no AWS class loads while the gateway starts. */
    private static final class Signer {
        static final AwsV4HttpSigner INSTANCE = AwsV4HttpSigner.create();
    }
}
