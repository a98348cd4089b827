package dev.aigateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.client.Cache;
import dev.aigateway.client.HeaderOptions;
import dev.aigateway.client.Portkey;
import dev.aigateway.client.PortkeyConfig;
import dev.aigateway.client.Retry;
import dev.aigateway.client.Strategy;
import dev.aigateway.client.Target;
import dev.aigateway.core.config.ConfigParser;
import dev.aigateway.core.config.CustomHostValidator;
import dev.aigateway.core.config.RequestSettings;
import dev.aigateway.core.config.StrategyMode;
import dev.aigateway.core.http.Headers;
import dev.aigateway.core.provider.Providers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A config built with portkey-client's typed builder, and the headers {@code createHeaders} makes of
 * it, mean to the gateway's parsers what they say.
 */
class TypedConfigRoundTripTest {
    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    @Test
    void theScenarioConfigRoundTrips() {
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder().provider("google").apiKey("g-key").build())
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("o-key")
                        .overrideParams(Map.of("model", "gpt-4o"))
                        .build())
                .build();

        dev.aigateway.core.config.Target root = parser.parse(config.toJson());

        assertEquals(StrategyMode.FALLBACK, root.strategy().orElseThrow().mode());
        assertEquals(2, root.targets().size());
        assertEquals(Optional.of("google"), root.targets().get(0).provider());
        assertEquals(Optional.of("g-key"), root.targets().get(0).apiKey());
        assertEquals(Optional.of("openai"), root.targets().get(1).provider());
        assertEquals(
                "gpt-4o",
                root.targets()
                        .get(1)
                        .overrideParams()
                        .orElseThrow()
                        .path("model")
                        .asText());
    }

    @Test
    void everyFeatureRoundTrips() {
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback().withOnStatusCodes(429, 503))
                .retry(Retry.attempts(3).withOnStatusCodes(429).withUseRetryAfterHeader(true))
                .requestTimeout(Duration.ofSeconds(10))
                .cache(Cache.simple().withMaxAge(60))
                .forwardHeaders("X-Team")
                .strictOpenAiCompliance(false)
                .addTarget(Target.builder()
                        .strategy(Strategy.loadbalance())
                        .addTarget(Target.builder()
                                .provider("anthropic")
                                .apiKey("a")
                                .weight(0.7)
                                .build())
                        .addTarget(Target.builder()
                                .provider("azure-openai")
                                .apiKey("z")
                                .resourceName("res")
                                .deploymentId("dep")
                                .apiVersion("2024-10-21")
                                .weight(0.3)
                                .build())
                        .build())
                .addTarget(Target.builder()
                        .strategy(Strategy.conditional()
                                .withCondition(Map.of("metadata.tier", Map.of("$eq", "pro")), "pro")
                                .withDefault("free"))
                        .addTarget(Target.builder()
                                .name("pro")
                                .provider("openai")
                                .apiKey("p")
                                .customHost("http://localhost:9000/v1")
                                .build())
                        .addTarget(Target.builder()
                                .name("free")
                                .provider("groq")
                                .apiKey("f")
                                .build())
                        .build())
                .build();

        dev.aigateway.core.config.Target root = parser.parse(config.toJson());

        assertEquals(
                Optional.of(Set.of(429, 503)), root.strategy().orElseThrow().onStatusCodes());
        assertEquals(3, root.retry().orElseThrow().attempts());
        assertEquals(Set.of(429), root.retry().orElseThrow().onStatusCodes());
        assertTrue(root.retry().orElseThrow().useRetryAfterHeader());
        assertEquals(10_000, root.requestTimeout().getAsLong());
        assertEquals("simple", root.cache().orElseThrow().mode());
        assertEquals(Optional.of(List.of("x-team")), root.forwardHeaders());
        assertEquals(Optional.of(false), root.strictOpenAiCompliance());
        dev.aigateway.core.config.Target balanced = root.targets().get(0);
        assertEquals(StrategyMode.LOADBALANCE, balanced.strategy().orElseThrow().mode());
        assertEquals(0.7, balanced.targets().get(0).effectiveWeight());
        assertEquals(
                Map.of("resourceName", "res", "deploymentId", "dep", "apiVersion", "2024-10-21"),
                balanced.targets().get(1).providerFields());
        dev.aigateway.core.config.Target conditional = root.targets().get(1);
        assertEquals(
                "pro", conditional.strategy().orElseThrow().conditions().get(0).then());
        assertEquals(Optional.of("free"), conditional.strategy().orElseThrow().defaultTarget());
        assertEquals(
                Optional.of("http://localhost:9000/v1"),
                conditional.targets().get(0).customHost());
        assertEquals(Optional.of("pro"), conditional.targets().get(0).name());
    }

    @Test
    void theResilienceSettingsRoundTrip() {
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback()
                        .withCircuitBreaker(dev.aigateway.client.CircuitBreakerConfig.failureThreshold(3)
                                .withFailureThresholdPercentage(50)
                                .withMinimumRequests(4)
                                .withCooldown(java.time.Duration.ofSeconds(45))
                                .withFailureStatusCodes(500, 503))
                        .withHedgeAfter(java.time.Duration.ofMillis(800)))
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("sk-1")
                        .streamIdleTimeout(java.time.Duration.ofSeconds(5))
                        .build())
                .addTarget(Target.builder().provider("google").apiKey("g-1").build())
                .build();

        dev.aigateway.core.config.Target root = parser.parse(config.toJson());

        dev.aigateway.core.config.CircuitBreakerConfig breaker =
                root.strategy().orElseThrow().circuitBreaker().orElseThrow();
        assertEquals(3, breaker.failureThreshold().getAsInt());
        assertEquals(50.0, breaker.failureThresholdPercentage().getAsDouble());
        assertEquals(4, breaker.minimumRequests());
        assertEquals(java.time.Duration.ofSeconds(45), breaker.cooldown());
        assertEquals(java.util.Set.of(500, 503), breaker.failureStatusCodes().orElseThrow());
        assertEquals(800, root.strategy().orElseThrow().hedgeAfterMillis().getAsLong());
        assertEquals(5000, root.targets().get(0).streamIdleTimeout().getAsLong());
    }

    @Test
    void createHeadersMeanToTheGatewayWhatTheOptionsSay() {
        PortkeyConfig config = PortkeyConfig.builder()
                .provider("openai")
                .apiKey("o-key")
                .overrideParams(Map.of("user", "zoë ✓"))
                .build();
        Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
                .config(config)
                .traceId("trace-7")
                .metadata(Map.of("tier", "prémium"))
                .forwardHeaders("X-Team", "myCustomHeader")
                .requestTimeout(Duration.ofSeconds(3))
                .strictOpenAiCompliance(false)
                .build());

        RequestSettings settings = RequestSettings.from(gatewayHeaders(headers), parser);

        assertEquals(Optional.of("o-key"), settings.root().apiKey());
        assertEquals(
                "zoë ✓",
                settings.root().overrideParams().orElseThrow().path("user").asText(),
                "the \\uXXXX escapes decode to the same text");
        assertEquals("trace-7", settings.traceId());
        assertEquals("prémium", settings.metadata().path("tier").asText());
        assertEquals(Optional.of(List.of("x-team", "my-custom-header")), settings.forwardHeaders());
        assertEquals(3_000, settings.requestTimeout().getAsLong());
        assertTrue(settings.strictOffByHeader());
    }

    @Test
    void headerModeOptionsBecomeTheProviderFieldsTheGatewayReads() {
        Map<String, String> headers = Portkey.createHeaders(HeaderOptions.builder()
                .provider("azure-openai")
                .authorization("Bearer az-key")
                .azureResourceName("res")
                .azureDeploymentId("dep")
                .azureApiVersion("2024-10-21")
                .build());

        dev.aigateway.core.config.Target root =
                RequestSettings.from(gatewayHeaders(headers), parser).root();

        assertEquals(Optional.of("azure-openai"), root.provider());
        assertEquals(Optional.of("az-key"), root.apiKey());
        assertEquals(
                Map.of("resourceName", "res", "deploymentId", "dep", "apiVersion", "2024-10-21"),
                root.providerFields());
    }

    private static Headers gatewayHeaders(Map<String, String> headers) {
        Headers.Builder builder = Headers.builder();
        headers.forEach(builder::add);
        return builder.build();
    }
}
