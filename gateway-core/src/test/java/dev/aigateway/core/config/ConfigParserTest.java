package dev.aigateway.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigateway.core.error.GatewayException;
import dev.aigateway.core.provider.Providers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {
    private final ConfigParser parser =
            new ConfigParser(Providers.defaults(), CustomHostValidator.create(Optional.empty()));

    private String error(String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> parser.parse(json.replace('\'', '"')));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void snakeCaseAndCamelCaseMeanTheSame() {
        Target snake = parser.parse(
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"override_params\":{\"model\":\"m\"},"
                        + "\"request_timeout\":5000,\"custom_host\":\"http://localhost:1/v1\",\"strict_open_ai_compliance\":false,"
                        + "\"retry\":{\"attempts\":2,\"on_status_codes\":[429],\"use_retry_after_header\":true},\"resource_name\":\"r\"}");
        Target camel = parser.parse(
                "{\"provider\":\"openai\",\"apiKey\":\"k\",\"overrideParams\":{\"model\":\"m\"},"
                        + "\"requestTimeout\":5000,\"customHost\":\"http://localhost:1/v1\",\"strictOpenAiCompliance\":false,"
                        + "\"retry\":{\"attempts\":2,\"onStatusCodes\":[429],\"useRetryAfterHeader\":true},\"resourceName\":\"r\"}");

        assertEquals(snake.toString(), camel.toString());
        assertEquals(Optional.of("k"), camel.apiKey());
        assertEquals(snake.overrideParams(), camel.overrideParams());
        assertEquals(5000, camel.requestTimeout().getAsLong());
        assertEquals(new RetryConfig(2, Set.of(429), true), camel.retry().orElseThrow());
        assertEquals(Map.of("resourceName", "r"), camel.providerFields());
        assertEquals(Optional.of(false), camel.strictOpenAiCompliance());
    }

    @Test
    void camelCaseWorksAtEveryLevelOfTheTree() {
        Target root = parser.parse("{\"strategy\":{\"mode\":\"fallback\",\"onStatusCodes\":[429]},\"targets\":["
                + "{\"provider\":\"openai\",\"apiKey\":\"k\",\"forwardHeaders\":[\"x-team\"],"
                + "\"cache\":{\"mode\":\"simple\",\"maxAge\":60}},"
                + "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":[{\"query\":{\"metadata.planTier\":\"pro\"},"
                + "\"then\":\"a\"}],\"default\":\"a\"},\"targets\":[{\"name\":\"a\",\"provider\":\"google\","
                + "\"apiKey\":\"g\",\"requestTimeout\":100}]}]}");

        assertEquals(Optional.of(Set.of(429)), root.strategy().orElseThrow().onStatusCodes());
        Target first = root.targets().get(0);
        assertEquals(Optional.of("k"), first.apiKey());
        assertEquals(Optional.of(List.of("x-team")), first.forwardHeaders());
        assertEquals(60, first.cache().orElseThrow().maxAgeSeconds().getAsLong());
        Target nested = root.targets().get(1);
        assertTrue(
                nested.strategy().orElseThrow().conditions().get(0).query().has("metadata.planTier"),
                "condition queries are kept verbatim");
        assertEquals(100, nested.targets().get(0).requestTimeout().getAsLong());
    }

    @Test
    void overrideParamsKeepTheirKeysVerbatim() {
        Target target = parser.parse("{\"provider\":\"openai\",\"override_params\":{\"max_tokens\":5,\"topK\":2}}");

        assertTrue(target.overrideParams().orElseThrow().has("max_tokens"));
        assertTrue(target.overrideParams().orElseThrow().has("topK"));
    }

    @Test
    void aTargetWithoutApiKeyIsValid() {
        Target root = parser.parse("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"google\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"k\"}]}");

        assertEquals(Optional.empty(), root.targets().get(0).apiKey());
    }

    @Test
    void retryDefaultsAndBounds() {
        assertEquals(
                RetryConfig.DEFAULT_STATUS_CODES,
                parser.parse("{\"provider\":\"openai\",\"retry\":{\"attempts\":1}}")
                        .retry()
                        .orElseThrow()
                        .onStatusCodes());
        assertEquals(
                Set.of(),
                parser.parse("{\"provider\":\"openai\",\"retry\":{\"attempts\":0}}")
                        .retry()
                        .orElseThrow()
                        .onStatusCodes());
        assertEquals(
                5,
                parser.parse("{\"provider\":\"openai\",\"retry\":{\"attempts\":9}}")
                        .retry()
                        .orElseThrow()
                        .attempts());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'strategy':{'mode':'roundrobin'},'targets':[{'provider':'openai'}]}"
                        + "|Invalid config passed: strategy.mode: Invalid 'mode' value. Must be one of: single, loadbalance, fallback, conditional",
                "{'strategy':{'mode':'fallback'},'targets':[{'provider':'openai'},{'provider':'openai','retry':{'attempts':-1}}]}"
                        + "|Invalid config passed: targets[1].retry.attempts: must be a whole number from 0 to 5",
                "{'strategy':{'mode':'fallback'},'targets':[{'provider':'openai'},{'strategy':{'mode':'single'},'targets':[{'api_key':'k'}]}]}"
                        + "|Invalid config passed: targets[1].targets[0]: a target needs either a provider or a strategy with targets",
                "{'strategy':{'mode':'fallback'}}|Invalid config passed: targets: a strategy needs a non-empty targets array",
                "{'targets':[{'provider':'openai'}]}|Invalid config passed: strategy: a strategy with a mode is required when targets are given",
                "{'provider':'openai','request_timeout':'soon'}|Invalid config passed: request_timeout: must be a positive number of milliseconds",
                "{'provider':'openai','weight':-1}|Invalid config passed: weight: must be a number of 0 or more",
                "{'provider':'openai','override_params':[1]}|Invalid config passed: override_params: must be an object",
                "{'provider':'openai','strategy':{'mode':'fallback','on_status_codes':['x']},'targets':[{'provider':'openai'}]}"
                        + "|Invalid config passed: strategy.on_status_codes: must be an array of HTTP status codes (100-599)",
                "{'provider':'openai','forward_headers':['x-portkey-forward-headers']}"
                        + "|Invalid config passed: forward_headers: forward_headers must not contain the 'x-portkey-forward-headers' header",
                "{'provider':'openai','cache':{'mode':'fuzzy'}}|Invalid config passed: cache.mode: must be 'simple' or 'semantic'",
                "{'provider':'openai','input_guardrails':[{'default.contains':{'words':['x']}}]}"
                        + "|Invalid config passed: input_guardrails: guardrails and hooks are not supported by this gateway yet;"
                        + " remove them to route without them",
                "{'provider':'sagemaker'}|Invalid config passed: provider: provider 'sagemaker' is not supported by this gateway yet",
                "{'provider':'openai','custom_host':'http://169.254.169.254/latest'}"
                        + "|Invalid config passed: custom_host: Invalid custom host: private, loopback, link-local and metadata"
                        + " addresses are blocked (list trusted hosts in TRUSTED_CUSTOM_HOSTS)",
                "{'options':{}}|This version of config is not supported in this route. Please migrate to the latest version",
                "[1,2]|Invalid config passed. You need to pass a valid json object",
                "{'provider':|Invalid config passed. You need to pass a valid json",
            })
    void errorsNameTheJsonPath(String json, String message) {
        assertEquals(message, error(json));
    }

    @Test
    void unknownProvidersListTheSupportedOnes() {
        String message = error("{'provider':'acme'}");

        assertTrue(
                message.startsWith(
                        "Invalid config passed: provider: Invalid provider passed: 'acme'. Supported providers: openai, google"),
                message);
    }

    @Test
    void savedConfigIdsAreExplained() {
        assertEquals(
                "Saved config ids such as 'pc-abc-123' are only resolved by Portkey's hosted API; a local gateway"
                        + " needs the config JSON itself in x-portkey-config",
                error("pc-abc-123"));
    }

    @Test
    void keysNeverAppearInErrors() {
        String message = error(
                "{'strategy':{'mode':'fallback'},'targets':[{'provider':'openai','api_key':'sk-secret-1','weight':'x'}]}");

        assertTrue(!message.contains("sk-secret-1"), message);
    }

    @Test
    void forwardHeadersAreLowerCased() {
        assertEquals(
                Optional.of(List.of("x-team", "x-user")),
                parser.parse("{\"provider\":\"openai\",\"forward_headers\":[\"X-Team\",\"x-user\"]}")
                        .forwardHeaders());
    }

    @Test
    void aValidConfigIsParsedOnceAndAnInvalidOneEveryTime() {
        String config = "{\"provider\":\"openai\",\"api_key\":\"k\",\"override_params\":{\"model\":\"m\"}}";
        assertSame(parser.parse(config), parser.parse(config));

        String invalid = "{'provider':'openai','weight':'x'}";
        assertEquals(error(invalid), error(invalid));
    }

    @Test
    void theConfigCacheStaysBounded() {
        Target first = parser.parse("{\"provider\":\"openai\",\"api_key\":\"k0\"}");
        for (int i = 1; i <= ConfigParser.CACHED_CONFIGS; i++) {
            parser.parse("{\"provider\":\"openai\",\"api_key\":\"k" + i + "\"}");
        }
        // The cache started over when it was full, so the first config is parsed anew.
        Target again = parser.parse("{\"provider\":\"openai\",\"api_key\":\"k0\"}");
        assertNotSame(first, again);
        assertEquals(first, again);
    }
}
