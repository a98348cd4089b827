package dev.aigateway.client;

import static dev.aigateway.client.CreateHeadersTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeaderOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTypedOptionGivesTheSameHeadersAsTheNodeStyleMap() {
        PortkeyConfig config = PortkeyConfig.builder().retry(Retry.attempts(2)).build();
        HeaderOptions typed = HeaderOptions.builder()
                .provider("openai")
                .apiKey("pk-1")
                .virtualKey("vk-1")
                .config(config)
                .traceId("trace-1")
                .metadata(Map.of("_user", "u-1"))
                .authorization("Bearer sk-1")
                .customHost("http://localhost:11434/v1")
                .forwardHeaders("x-request-id", "openaiProject")
                .requestTimeout(Duration.ofSeconds(5))
                .cacheForceRefresh(true)
                .cacheNamespace("ns")
                .debug(false)
                .strictOpenAiCompliance(false)
                .openaiOrganization("org")
                .openaiProject("proj")
                .azureResourceName("res")
                .azureDeploymentId("dep")
                .azureApiVersion("2024-06-01")
                .azureEndpointName("ep")
                .azureModelName("gpt-4o")
                .azureAuthMode("entra")
                .azureAdToken("ad")
                .awsAccessKeyId("AKIA")
                .awsSecretAccessKey("secret")
                .awsSessionToken("token")
                .awsRegion("us-east-1")
                .awsRoleArn("arn:aws:iam::1:role/r")
                .awsAuthType("assumedRole")
                .awsExternalId("ext")
                .awsS3Bucket("bucket")
                .awsS3ObjectKey("key.jsonl")
                .awsBedrockModel("anthropic.claude")
                .vertexProjectId("gcp")
                .vertexRegion("us-central1")
                .vertexStorageBucketName("gcs")
                .vertexServiceAccountJson(Map.of("type", "service_account"))
                .anthropicBeta("beta")
                .anthropicVersion("2023-06-01")
                .workersAiAccountId("cf")
                .huggingfaceBaseUrl("https://hf.example/v1")
                .mistralFimCompletion(true)
                .fireworksAccountId("fw")
                .providerFileName("file.jsonl")
                .providerModel("gpt-4o-mini")
                .option("spanId", "span-1")
                .build();
        Map<String, Object> nodeStyle = options(
                "provider", "openai",
                "apiKey", "pk-1",
                "virtualKey", "vk-1",
                "config", config,
                "traceId", "trace-1",
                "metadata", Map.of("_user", "u-1"),
                "Authorization", "Bearer sk-1",
                "customHost", "http://localhost:11434/v1",
                "forwardHeaders", List.of("x-request-id", "openaiProject"),
                "requestTimeout", 5000,
                "cacheForceRefresh", true,
                "cacheNamespace", "ns",
                "debug", false,
                "strictOpenAiCompliance", false,
                "openaiOrganization", "org",
                "openaiProject", "proj",
                "azureResourceName", "res",
                "azureDeploymentId", "dep",
                "azureApiVersion", "2024-06-01",
                "azureEndpointName", "ep",
                "azureModelName", "gpt-4o",
                "azureAuthMode", "entra",
                "azureAdToken", "ad",
                "awsAccessKeyId", "AKIA",
                "awsSecretAccessKey", "secret",
                "awsSessionToken", "token",
                "awsRegion", "us-east-1",
                "awsRoleArn", "arn:aws:iam::1:role/r",
                "awsAuthType", "assumedRole",
                "awsExternalId", "ext",
                "awsS3Bucket", "bucket",
                "awsS3ObjectKey", "key.jsonl",
                "awsBedrockModel", "anthropic.claude",
                "vertexProjectId", "gcp",
                "vertexRegion", "us-central1",
                "vertexStorageBucketName", "gcs",
                "vertexServiceAccountJson", Map.of("type", "service_account"),
                "anthropicBeta", "beta",
                "anthropicVersion", "2023-06-01",
                "workersAiAccountId", "cf",
                "huggingfaceBaseUrl", "https://hf.example/v1",
                "mistralFimCompletion", "true",
                "fireworksAccountId", "fw",
                "providerFileName", "file.jsonl",
                "providerModel", "gpt-4o-mini",
                "spanId", "span-1");

        Map<String, String> fromTyped = Portkey.createHeaders(typed);
        Map<String, String> fromMap = Portkey.createHeaders(nodeStyle);

        assertEquals(
                new ArrayList<>(fromMap.entrySet()), new ArrayList<>(fromTyped.entrySet()), "same entries, same order");
        assertEquals(46, fromTyped.size());
        assertEquals("openai-project", List.copyOf(fromTyped.keySet()).get(15), "un-prefixed by forwardHeaders");
        assertEquals("{\"retry\":{\"attempts\":2}}", fromTyped.get("x-portkey-config"));
        assertEquals("5000", fromTyped.get("x-portkey-request-timeout"));
        assertEquals("Bearer sk-1", fromTyped.get("authorization"));
        assertEquals("{\"type\":\"service_account\"}", fromTyped.get("x-portkey-vertex-service-account-json"));
    }

    /**
     * The options of the Node SDK's {@code ApiClientInterface} (portkey-ai 3.1.0, as listed in the
     * SDK spec) that reach the gateway. Left out on purpose: {@code calculateAudioDuration} and
     * {@code dangerouslyAllowBrowser} (client-side switches of the Node client) and {@code baseURL}
     * (the client's URL, see {@link Portkey#LOCAL_GATEWAY_URL}); {@code option(...)} still sends them.
     */
    private static final List<String> NODE_OPTIONS = List.of(
            "apiKey",
            "provider",
            "virtualKey",
            "config",
            "traceId",
            "metadata",
            "Authorization",
            "cacheForceRefresh",
            "cacheNamespace",
            "debug",
            "customHost",
            "forwardHeaders",
            "requestTimeout",
            "strictOpenAiCompliance",
            "openaiProject",
            "openaiOrganization",
            "azureResourceName",
            "azureDeploymentId",
            "azureApiVersion",
            "azureEndpointName",
            "awsAccessKeyId",
            "awsSecretAccessKey",
            "awsSessionToken",
            "awsRegion",
            "awsS3Bucket",
            "awsS3ObjectKey",
            "awsBedrockModel",
            "vertexProjectId",
            "vertexRegion",
            "vertexStorageBucketName",
            "workersAiAccountId",
            "huggingfaceBaseUrl",
            "anthropicBeta",
            "anthropicVersion",
            "mistralFimCompletion",
            "providerFileName",
            "providerModel",
            "fireworksAccountId");

    @Test
    void everyNodeSdkOptionHasATypedSetter() {
        Set<String> setters = Arrays.stream(HeaderOptions.Builder.class.getMethods())
                .map(Method::getName)
                .collect(Collectors.toSet());

        List<String> missing = NODE_OPTIONS.stream()
                .map(key -> Character.toLowerCase(key.charAt(0)) + key.substring(1))
                .filter(setter -> !setters.contains(setter))
                .toList();

        assertEquals(List.of(), missing);
    }

    @Test
    void configMayAlsoBeAnIdOrPlainMaps() throws IOException {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("strategy", Map.of("mode", "fallback"));
        raw.put("targets", List.of(Map.of("provider", "openai", "api_key", "k")));
        PortkeyConfig typed = PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder().provider("openai").apiKey("k").build())
                .build();

        String fromTyped = Portkey.createHeaders(
                        HeaderOptions.builder().config(typed).build())
                .get("x-portkey-config");
        String fromRaw = Portkey.createHeaders(
                        HeaderOptions.builder().config(raw).build())
                .get("x-portkey-config");

        assertEquals(JSON.readTree(fromTyped), JSON.readTree(fromRaw), "Map.of has no fixed order, so compare trees");
        assertEquals(
                Map.of("x-portkey-config", "pc-123"),
                Portkey.createHeaders(HeaderOptions.builder().config("pc-123").build()));
    }

    @Test
    void nullRemovesAnOptionAndResettingKeepsItsPosition() {
        HeaderOptions options = HeaderOptions.builder()
                .traceId("a")
                .provider("openai")
                .virtualKey("vk")
                .virtualKey(null)
                .traceId("b")
                .requestTimeout(null)
                .build();

        assertEquals(
                List.of(Map.entry("x-portkey-trace-id", "b"), Map.entry("x-portkey-provider", "openai")),
                List.copyOf(Portkey.createHeaders(options).entrySet()));
    }

    @Test
    void valuesAreImmutableAndDerivable() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("_user", "u-1");
        HeaderOptions base =
                HeaderOptions.builder().provider("openai").metadata(metadata).build();
        metadata.put("_user", "changed");

        HeaderOptions perRequest = base.newBuilder().traceId("req-42").build();

        assertEquals("{\"_user\":\"u-1\"}", Portkey.createHeaders(base).get("x-portkey-metadata"));
        assertEquals(List.of("provider", "metadata"), List.copyOf(base.asMap().keySet()));
        assertEquals(
                List.of("provider", "metadata", "traceId"),
                List.copyOf(perRequest.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> base.asMap().put("debug", true));
        assertEquals(
                base,
                HeaderOptions.builder()
                        .provider("openai")
                        .metadata(Map.of("_user", "u-1"))
                        .build());
    }

    @Test
    void rejectsANegativeTimeout() {
        HeaderOptions.Builder builder = HeaderOptions.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void toStringNamesOptionsButNotValues() {
        HeaderOptions options =
                HeaderOptions.builder().apiKey("pk-secret").provider("openai").build();

        assertEquals("HeaderOptions[apiKey, provider]", options.toString());
        assertFalse(options.toString().contains("pk-secret"));
    }
}
