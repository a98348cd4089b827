package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.provider.Providers;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code strategy.cb_config}, {@code strategy.hedge_after_ms} and {@code stream_idle_timeout}. */
class ResilienceConfigTest {
    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    private static final String TARGETS = "\"targets\":[{\"provider\":\"openai\",\"api_key\":\"k\"}]";

    private Strategy strategy(String strategyFields) {
        return parser.parse("{\"strategy\":{\"mode\":\"fallback\"," + strategyFields + "}," + TARGETS + "}")
                .strategy()
                .orElseThrow();
    }

    private String error(String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> parser.parse(json.replace('\'', '"')));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void cbConfigIsReadWithItsDefaults() {
        CircuitBreakerConfig breaker = strategy("\"cb_config\":{\"failure_threshold\":3,\"cooldown_interval\":60000}")
                .circuitBreaker()
                .orElseThrow();

        assertEquals(OptionalInt.of(3), breaker.failureThreshold());
        assertEquals(OptionalDouble.empty(), breaker.failureThresholdPercentage());
        assertEquals(5, breaker.minimumRequests());
        assertEquals(Duration.ofMinutes(1), breaker.cooldown());
        assertTrue(breaker.isFailure(408));
        assertTrue(breaker.isFailure(500));
        assertTrue(breaker.isFailure(503));
        assertFalse(breaker.isFailure(429));
        assertFalse(breaker.isFailure(400));
    }

    @Test
    void camelCaseAndExplicitStatusCodesWork() {
        CircuitBreakerConfig breaker = strategy(
                        "\"cbConfig\":{\"failureThresholdPercentage\":20,\"minimumRequests\":10,"
                                + "\"cooldownInterval\":45000,\"failureStatusCodes\":[401,429]}")
                .circuitBreaker()
                .orElseThrow();

        assertEquals(OptionalDouble.of(20), breaker.failureThresholdPercentage());
        assertEquals(10, breaker.minimumRequests());
        assertEquals(Optional.of(Set.of(401, 429)), breaker.failureStatusCodes());
        assertTrue(breaker.isFailure(429));
        assertFalse(breaker.isFailure(500));
    }

    @Test
    void cooldownsUnderThirtySecondsAreRaisedToThirty() {
        assertEquals(
                Duration.ofSeconds(30),
                strategy("\"cb_config\":{\"failure_threshold\":1,\"cooldown_interval\":1000}")
                        .circuitBreaker()
                        .orElseThrow()
                        .cooldown());
    }

    @Test
    void thresholdsOpenAsPortkeyCountsThem() {
        CircuitBreakerConfig count = strategy("\"cb_config\":{\"failure_threshold\":2,\"cooldown_interval\":30000}")
                .circuitBreaker()
                .orElseThrow();
        CircuitBreakerConfig rate = strategy(
                        "\"cb_config\":{\"failure_threshold_percentage\":50,\"minimum_requests\":4,\"cooldown_interval\":30000}")
                .circuitBreaker()
                .orElseThrow();

        assertFalse(count.opensAt(1, 1));
        assertTrue(count.opensAt(2, 10));
        assertFalse(rate.opensAt(2, 3), "below minimum_requests the rate does not count");
        assertTrue(rate.opensAt(2, 4));
        assertFalse(rate.opensAt(2, 5));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "'cb_config':5 | strategy.cb_config: must be an object",
                "'cb_config':{'cooldown_interval':30000} | strategy.cb_config: needs failure_threshold or failure_threshold_percentage",
                "'cb_config':{'failure_threshold':2} | strategy.cb_config.cooldown_interval: is required",
                "'cb_config':{'failure_threshold':0,'cooldown_interval':30000} | strategy.cb_config.failure_threshold: must be a whole number of 1 or more",
                "'cb_config':{'failure_threshold_percentage':101,'cooldown_interval':30000} | strategy.cb_config.failure_threshold_percentage: must be a number above 0",
                "'cb_config':{'failure_threshold':1,'cooldown_interval':30000,'minimum_requests':'x'} | strategy.cb_config.minimum_requests: must be a whole number",
                "'cb_config':{'failure_threshold':1,'cooldown_interval':30000,'failure_status_codes':[700]} | strategy.cb_config.failure_status_codes: must be an array of HTTP status codes",
                "'hedge_after_ms':-5 | strategy.hedge_after_ms: must be a positive number of milliseconds",
            })
    void badResilienceKeysAreRefusedNamingThePath(String fields, String message) {
        String problem = error("{'strategy':{'mode':'fallback'," + fields + "}," + TARGETS.replace('"', '\'') + "}");

        assertTrue(problem.contains(message), problem);
    }

    @Test
    void hedgingAppliesToFallbackOnly() {
        String problem =
                error("{'strategy':{'mode':'loadbalance','hedge_after_ms':100}," + TARGETS.replace('"', '\'') + "}");

        assertTrue(problem.contains("strategy.hedge_after_ms: applies to fallback strategies only"), problem);
        assertEquals(250L, strategy("\"hedge_after_ms\":250").hedgeAfterMillis().getAsLong());
    }

    @Test
    void streamIdleTimeoutIsATargetKey() {
        Target root = parser.parse("{\"strategy\":{\"mode\":\"fallback\"},\"stream_idle_timeout\":1500,"
                + "\"targets\":[{\"provider\":\"openai\",\"api_key\":\"k\",\"streamIdleTimeout\":700}]}");

        assertEquals(1500, root.streamIdleTimeout().getAsLong());
        assertEquals(700, root.targets().get(0).streamIdleTimeout().getAsLong());
        assertTrue(error("{'provider':'openai','api_key':'k','stream_idle_timeout':0}")
                .contains("stream_idle_timeout: must be a positive number of milliseconds"));
    }

    @Test
    void cbConfigOnATargetOutsideAStrategyIsStillIgnored() {
        Target leaf = parser.parse("{\"provider\":\"openai\",\"api_key\":\"k\",\"cb_config\":{\"x\":1}}");

        assertTrue(leaf.providerFields().isEmpty());
    }
}
