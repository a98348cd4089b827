package dev.aigateway.core.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.Endpoint;
import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.internal.Json;
import dev.aigateway.core.provider.ProviderOptions;
import dev.aigateway.core.provider.ProviderRequest;
import dev.aigateway.core.provider.TransformContext;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Credentials from the config, from a metadata endpoint on loopback, and through a fake STS. */
class BedrockCredentialsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-caller";

    private final MockWebServer fake = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        fake.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void configuredKeysAreUsedAsTheyAre() {
        AwsCredentialsIdentity identity = credentials()
                .resolve(
                        request(Map.of("awsAccessKeyId", "AKID1", "awsSecretAccessKey", "s1", "awsSessionToken", "t1")),
                        "us-east-1");

        assertEquals("AKID1", identity.accessKeyId());
        assertEquals("s1", identity.secretAccessKey());
        assertEquals("t1", ((AwsSessionCredentialsIdentity) identity).sessionToken());
        assertEquals(0, fake.getRequestCount());
    }

    @Test
    void aKeyIdWithoutItsSecretIsA400() {
        GatewayException e = assertThrows(GatewayException.class, () -> credentials()
                .resolve(request(Map.of("awsAccessKeyId", "AKID1")), "us-east-1"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("aws_secret_access_key"), e.getMessage());
    }

    @Test
    void withoutKeysTheChainAnswersHereTheInstanceMetadataOnLoopback() {
        fake.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/latest/api/token")) {
                    return new MockResponse.Builder().body("imds-token").build();
                }
                if (!"imds-token".equals(request.getHeaders().get("x-aws-ec2-metadata-token"))) {
                    return new MockResponse.Builder().code(401).build();
                }
                if (path.equals("/latest/meta-data/iam/security-credentials/")) {
                    return new MockResponse.Builder().body("gateway-role").build();
                }
                return new MockResponse.Builder()
                        .body("{\"Code\":\"Success\",\"AccessKeyId\":\"ASIAIMDS\",\"SecretAccessKey\":\"imds-secret\","
                                + "\"Token\":\"imds-session\",\"Expiration\":\""
                                + Instant.now().plus(6, ChronoUnit.HOURS)
                                + "\"}")
                        .build();
            }
        });
        var imds = InstanceProfileCredentialsProvider.builder()
                .endpoint(fake.url("/").toString().replaceAll("/$", ""))
                .build();
        BedrockCredentials credentials = BedrockCredentials.create(imds, Optional.empty());

        AwsCredentialsIdentity identity = credentials.resolve(request(Map.of()), "us-east-1");

        assertEquals("ASIAIMDS", identity.accessKeyId());
        assertEquals("imds-session", ((AwsSessionCredentialsIdentity) identity).sessionToken());
    }

    @Test
    void aRoleIsAssumedOnceForManyConcurrentCallsWithTheBaseKeysSigningTheStsCall() throws Exception {
        fake.enqueue(assumeRoleAnswer("ASIAROLE", Instant.now().plus(1, ChronoUnit.HOURS)));
        BedrockCredentials credentials = credentials();
        ProviderRequest request = request(Map.of(
                "awsAccessKeyId", "AKIDBASE",
                "awsSecretAccessKey", "base-secret",
                "awsRoleArn", ROLE,
                "awsExternalId", "ext-42"));

        List<AwsCredentialsIdentity> identities = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<AwsCredentialsIdentity>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(threads.submit(() -> credentials.resolve(request, "eu-central-1")));
            }
            for (Future<AwsCredentialsIdentity> call : calls) {
                identities.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertTrue(
                identities.stream().allMatch(identity -> identity.accessKeyId().equals("ASIAROLE")));
        assertEquals(1, fake.getRequestCount(), "one AssumeRole for 50 calls");
        RecordedRequest sts = fake.takeRequest();
        String form = sts.getBody().utf8();
        assertTrue(form.contains("Action=AssumeRole"), form);
        assertTrue(
                form.contains("RoleArn=" + java.net.URLEncoder.encode(ROLE, java.nio.charset.StandardCharsets.UTF_8)),
                form);
        assertTrue(form.contains("ExternalId=ext-42"), form);
        assertTrue(form.contains("RoleSessionName=aigateway-bedrock"), form);
        String authorization = sts.getHeaders().get("authorization");
        assertTrue(
                authorization.contains("Credential=AKIDBASE/")
                        && authorization.contains("/eu-central-1/sts/aws4_request"),
                authorization);
    }

    @Test
    void credentialsAboutToExpireAreFetchedAgainAndFreshOnesAreKept() {
        fake.enqueue(assumeRoleAnswer("ASIAOLD", Instant.now().plus(30, ChronoUnit.SECONDS)));
        fake.enqueue(assumeRoleAnswer("ASIANEW", Instant.now().plus(1, ChronoUnit.HOURS)));
        BedrockCredentials credentials = credentials();
        ProviderRequest request =
                request(Map.of("awsAccessKeyId", "AKIDBASE", "awsSecretAccessKey", "base-secret", "awsRoleArn", ROLE));

        assertEquals("ASIAOLD", credentials.resolve(request, "us-east-1").accessKeyId());
        assertEquals("ASIANEW", credentials.resolve(request, "us-east-1").accessKeyId());
        assertEquals("ASIANEW", credentials.resolve(request, "us-east-1").accessKeyId());
        assertEquals(2, fake.getRequestCount());
    }

    @Test
    void anStsRefusalIsA403NamingTheRole() {
        fake.enqueue(new MockResponse.Builder()
                .code(403)
                .addHeader("content-type", "text/xml")
                .body(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized"
                                + " to perform: sts:AssumeRole</Message></Error><RequestId>r</RequestId></ErrorResponse>")
                .build());
        ProviderRequest request =
                request(Map.of("awsAccessKeyId", "AKIDBASE", "awsSecretAccessKey", "base-secret", "awsRoleArn", ROLE));

        GatewayException e =
                assertThrows(GatewayException.class, () -> credentials().resolve(request, "us-east-1"));

        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
        assertTrue(!e.getMessage().contains("base-secret"));
    }

    private BedrockCredentials credentials() {
        return BedrockCredentials.create(
                AnonymousCredentialsProvider.create(),
                Optional.of(URI.create(fake.url("/").toString())));
    }

    private static MockResponse assumeRoleAnswer(String keyId, Instant expiration) {
        return new MockResponse.Builder()
                .addHeader("content-type", "text/xml")
                .body("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                        + "<AssumedRoleUser><AssumedRoleId>AROA1:aigateway-bedrock</AssumedRoleId>"
                        + "<Arn>arn:aws:sts::123456789012:assumed-role/bedrock-caller/aigateway-bedrock</Arn></AssumedRoleUser>"
                        + "<Credentials><AccessKeyId>" + keyId
                        + "</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>"
                        + "<SessionToken>role-token</SessionToken><Expiration>"
                        + expiration.truncatedTo(ChronoUnit.SECONDS)
                        + "</Expiration></Credentials></AssumeRoleResult>"
                        + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>")
                .build();
    }

    static ProviderRequest request(Map<String, String> fields) {
        return new ProviderRequest(
                Endpoint.CHAT_COMPLETE,
                new ProviderOptions("bedrock", Optional.empty(), Optional.empty(), fields),
                Json.object().put("model", "amazon.nova-lite-v1:0"),
                false,
                Headers.empty(),
                true,
                TransformContext.system());
    }
}
