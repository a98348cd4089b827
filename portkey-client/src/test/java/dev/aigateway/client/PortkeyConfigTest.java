package dev.aigateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortkeyConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fallbackFromGoogleToOpenAiWithModelOverride() throws IOException {
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder().provider("google").apiKey("g").build())
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("o")
                        .overrideParams(Map.of("model", "gpt-4o"))
                        .build())
                .build();

        String expected =
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"google\",\"api_key\":\"g\"},"
                        + "{\"provider\":\"openai\",\"api_key\":\"o\",\"override_params\":{\"model\":\"gpt-4o\"}}]}";
        assertEquals(JSON.readTree(expected), JSON.readTree(config.toJson()));
        assertEquals(expected, config.toJson(), "compact, in the natural key order");
        assertEquals(JSON.readTree(expected), config.toJsonNode());
    }

    @Test
    void sameTextAsNodeForTheRecordedConfigObjects() {
        PortkeyConfig fallback = PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("sk-openai-1")
                        .build())
                .addTarget(Target.builder()
                        .provider("anthropic")
                        .apiKey("sk-ant-2")
                        .overrideParams(Map.of("model", "claude-3-5-sonnet-latest"))
                        .build())
                .build();
        PortkeyConfig policies = PortkeyConfig.builder()
                .retry(Retry.attempts(3).withOnStatusCodes(429, 500))
                .cache(Cache.simple().withMaxAge(60))
                .requestTimeout(Duration.ofSeconds(10))
                .strictOpenAiCompliance(false)
                .build();

        // The x-portkey-config values recorded from Node's createHeaders (createHeaders-vectors.json).
        assertEquals(
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\",\"api_key\":\"sk-openai-1\"},"
                        + "{\"provider\":\"anthropic\",\"api_key\":\"sk-ant-2\","
                        + "\"override_params\":{\"model\":\"claude-3-5-sonnet-latest\"}}]}",
                fallback.toJson());
        assertEquals(
                "{\"retry\":{\"attempts\":3,\"on_status_codes\":[429,500]},\"cache\":{\"mode\":\"simple\",\"max_age\":60},"
                        + "\"request_timeout\":10000,\"strict_open_ai_compliance\":false}",
                policies.toJson());
    }

    @Test
    void loadbalanceNestedInFallbackWithRetryAndTimeout() throws IOException {
        Map<String, Object> anthropicOverride = new LinkedHashMap<>();
        anthropicOverride.put("model", "claude-3-5-sonnet-latest");
        anthropicOverride.put("max_tokens", 1024);
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback().withOnStatusCodes(429, 503))
                .retry(Retry.attempts(3))
                .requestTimeout(Duration.ofMillis(10_000))
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("sk-1")
                        .overrideParams(Map.of("model", "gpt-4o"))
                        .build())
                .addTarget(Target.builder()
                        .strategy(Strategy.loadbalance())
                        .addTarget(Target.builder()
                                .provider("anthropic")
                                .apiKey("ak")
                                .weight(0.7)
                                .overrideParams(anthropicOverride)
                                .build())
                        .addTarget(Target.builder()
                                .provider("bedrock")
                                .awsAccessKeyId("id")
                                .awsSecretAccessKey("secret")
                                .awsRegion("us-east-1")
                                .weight(0.3)
                                .build())
                        .build())
                .build();

        // The nested example config of Portkey's gateway documentation.
        assertEquals(
                JSON.readTree("{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[429,503]},"
                        + "\"retry\":{\"attempts\":3},\"request_timeout\":10000,\"targets\":["
                        + "{\"provider\":\"openai\",\"api_key\":\"sk-1\",\"override_params\":{\"model\":\"gpt-4o\"}},"
                        + "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                        + "{\"provider\":\"anthropic\",\"api_key\":\"ak\",\"weight\":0.7,"
                        + "\"override_params\":{\"model\":\"claude-3-5-sonnet-latest\",\"max_tokens\":1024}},"
                        + "{\"provider\":\"bedrock\",\"aws_access_key_id\":\"id\",\"aws_secret_access_key\":\"secret\","
                        + "\"aws_region\":\"us-east-1\",\"weight\":0.3}]}]}"),
                config.toJsonNode());
    }

    @Test
    void conditionalRoutingWithQueriesAndDefault() throws IOException {
        Map<String, Object> tierIsPro = Map.of("metadata.tier", Map.of("$eq", "pro"));
        Map<String, Object> bigOrListed = Map.of(
                "$or",
                List.of(
                        Map.of("params.model", Map.of("$in", List.of("x", "y"))),
                        Map.of("params.max_tokens", Map.of("$gt", 100))));
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.conditional()
                        .withCondition(tierIsPro, "a")
                        .withCondition(bigOrListed, "b")
                        .withDefault("b"))
                .addTarget(Target.builder()
                        .name("a")
                        .provider("openai")
                        .apiKey("k1")
                        .build())
                .addTarget(
                        Target.builder().name("b").provider("groq").apiKey("k2").build())
                .build();

        assertEquals(
                JSON.readTree("{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                        + "{\"query\":{\"metadata.tier\":{\"$eq\":\"pro\"}},\"then\":\"a\"},"
                        + "{\"query\":{\"$or\":[{\"params.model\":{\"$in\":[\"x\",\"y\"]}},"
                        + "{\"params.max_tokens\":{\"$gt\":100}}]},\"then\":\"b\"}],\"default\":\"b\"},"
                        + "\"targets\":[{\"name\":\"a\",\"provider\":\"openai\",\"api_key\":\"k1\"},"
                        + "{\"name\":\"b\",\"provider\":\"groq\",\"api_key\":\"k2\"}]}"),
                config.toJsonNode());
        assertEquals(Strategy.Mode.CONDITIONAL, Strategy.conditional().mode());
        assertEquals(
                "b", Strategy.conditional().withDefault("b").defaultTarget().orElseThrow());
    }

    @Test
    void targetsNestToAnyDepth() {
        Target leaf = Target.builder().provider("openai").apiKey("k").build();
        Target level3 =
                Target.builder().strategy(Strategy.single()).addTarget(leaf).build();
        Target level2 =
                Target.builder().strategy(Strategy.fallback()).addTarget(level3).build();
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.loadbalance())
                .addTarget(level2)
                .build();

        JsonNode json = config.toJsonNode();
        assertEquals("loadbalance", json.at("/strategy/mode").asText());
        assertEquals("fallback", json.at("/targets/0/strategy/mode").asText());
        assertEquals("single", json.at("/targets/0/targets/0/strategy/mode").asText());
        assertEquals(
                "openai", json.at("/targets/0/targets/0/targets/0/provider").asText());
    }

    @Test
    void retryCacheAndPerTargetSettings() throws IOException {
        Target target = Target.builder()
                .provider("openai")
                .apiKey("k")
                .retry(Retry.attempts(2).withOnStatusCodes(429).withUseRetryAfterHeader(true))
                .cache(Cache.semantic().withMaxAge(3600))
                .requestTimeout(Duration.ofSeconds(5))
                .customHost("http://localhost:11434/v1")
                .forwardHeaders("x-request-id", "x-tenant")
                .strictOpenAiCompliance(false)
                .weight(2)
                .build();

        assertEquals(
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"weight\":2,"
                        + "\"retry\":{\"attempts\":2,\"on_status_codes\":[429],\"use_retry_after_header\":true},"
                        + "\"cache\":{\"mode\":\"semantic\",\"max_age\":3600},\"request_timeout\":5000,"
                        + "\"custom_host\":\"http://localhost:11434/v1\",\"forward_headers\":[\"x-request-id\",\"x-tenant\"],"
                        + "\"strict_open_ai_compliance\":false}",
                target.toJson());
        Retry retry = Retry.attempts(2).withUseRetryAfterHeader(true);
        assertEquals(2, retry.attempts());
        assertEquals(true, retry.useRetryAfterHeader().orElseThrow());
        assertEquals(3600, Cache.semantic().withMaxAge(3600).maxAge().orElseThrow());
        assertEquals(Cache.Mode.SEMANTIC, Cache.semantic().mode());
    }

    @Test
    void aSemanticCacheCarriesItsSimilarityAndEmbeddingsTarget() {
        Cache cache = Cache.semantic()
                .withMaxAge(600)
                .withSimilarity(0.9)
                .withEmbeddings(Target.builder()
                        .provider("openai")
                        .apiKey("sk-embed")
                        .overrideParams(Map.of("model", "text-embedding-3-small"))
                        .build());

        assertEquals(
                "{\"mode\":\"semantic\",\"max_age\":600,\"similarity\":0.9,\"embeddings\":{\"provider\":\"openai\","
                        + "\"api_key\":\"sk-embed\",\"override_params\":{\"model\":\"text-embedding-3-small\"}}}",
                cache.toJson());
        assertFalse(cache.toString().contains("sk-embed"));
        assertThrows(IllegalArgumentException.class, () -> Cache.semantic().withSimilarity(0));
        assertThrows(IllegalArgumentException.class, () -> Cache.semantic().withSimilarity(1.5));
    }

    @Test
    void hooksAndGuardrailsAsRawMaps() throws IOException {
        Map<String, Object> hook = Map.of(
                "id",
                "no-apple",
                "type",
                "guardrail",
                "deny",
                true,
                "checks",
                List.of(Map.of(
                        "id",
                        "default.contains",
                        "parameters",
                        Map.of("operator", "none", "words", List.of("Apple")))));
        PortkeyConfig config = PortkeyConfig.builder()
                .addOutputGuardrail("pg-output-1")
                .addAfterRequestHook(Map.of("id", "log", "type", "guardrail"))
                .addBeforeRequestHook(hook)
                .addInputGuardrail(Map.of("default.wordCount", Map.of("maxWords", 100), "deny", false))
                .addInputGuardrail("pg-input-1")
                .build();

        assertEquals(
                JSON.readTree("{\"before_request_hooks\":[{\"id\":\"no-apple\",\"type\":\"guardrail\",\"deny\":true,"
                        + "\"checks\":[{\"id\":\"default.contains\",\"parameters\":{\"operator\":\"none\","
                        + "\"words\":[\"Apple\"]}}]}],"
                        + "\"after_request_hooks\":[{\"id\":\"log\",\"type\":\"guardrail\"}],"
                        + "\"input_guardrails\":[{\"default.wordCount\":{\"maxWords\":100},\"deny\":false},\"pg-input-1\"],"
                        + "\"output_guardrails\":[\"pg-output-1\"]}"),
                config.toJsonNode());
        assertEquals(
                List.of("before_request_hooks", "after_request_hooks", "input_guardrails", "output_guardrails"),
                fieldNames(config.toJsonNode()),
                "hooks in a fixed order, whatever the call order");
    }

    @Test
    void providerFieldsUsePortkeySnakeCaseNames() {
        Target target = Target.builder()
                .provider("azure-openai")
                .resourceName("res")
                .deploymentId("dep")
                .apiVersion("2024-06-01")
                .azureAuthMode("entra")
                .azureModelName("gpt-4o")
                .azureAdToken("ad")
                .awsAccessKeyId("a")
                .awsSecretAccessKey("b")
                .awsSessionToken("c")
                .awsRegion("d")
                .awsRoleArn("e")
                .awsAuthType("assumedRole")
                .vertexProjectId("p")
                .vertexRegion("r")
                .vertexServiceAccountJson(Map.of("type", "service_account"))
                .openaiOrganization("org")
                .openaiProject("proj")
                .anthropicBeta("beta")
                .anthropicVersion("2023-06-01")
                .virtualKey("vk")
                .build();

        assertEquals(
                List.of(
                        "provider",
                        "virtual_key",
                        "resource_name",
                        "deployment_id",
                        "api_version",
                        "azure_auth_mode",
                        "azure_model_name",
                        "azure_ad_token",
                        "aws_access_key_id",
                        "aws_secret_access_key",
                        "aws_session_token",
                        "aws_region",
                        "aws_role_arn",
                        "aws_auth_type",
                        "vertex_project_id",
                        "vertex_region",
                        "vertex_service_account_json",
                        "openai_organization",
                        "openai_project",
                        "anthropic_beta",
                        "anthropic_version"),
                fieldNames(target.toJsonNode()));
        assertEquals(
                "service_account",
                target.toJsonNode().at("/vertex_service_account_json/type").asText());
    }

    @Test
    void keyOrderDoesNotDependOnCallOrder() {
        PortkeyConfig a = PortkeyConfig.builder()
                .addTarget(Target.builder()
                        .apiKey("k")
                        .overrideParams(Map.of("model", "m"))
                        .provider("openai")
                        .build())
                .retry(Retry.attempts(1))
                .field("id", "cfg-1")
                .strategy(Strategy.single())
                .name("root")
                .build();
        PortkeyConfig b = PortkeyConfig.builder()
                .name("root")
                .strategy(Strategy.single())
                .field("id", "cfg-1")
                .retry(Retry.attempts(1))
                .addTarget(Target.builder()
                        .provider("openai")
                        .apiKey("k")
                        .overrideParams(Map.of("model", "m"))
                        .build())
                .build();

        assertEquals(b.toJson(), a.toJson());
        assertEquals(List.of("name", "strategy", "id", "retry", "targets"), fieldNames(a.toJsonNode()));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void fieldIsTheEscapeHatchAndNullRemoves() throws IOException {
        PortkeyConfig config = PortkeyConfig.builder()
                .provider("azure-ai")
                .field("azure_foundry_url", "https://f.example")
                .field("cb_config", Map.of("failure_threshold", 5))
                .field("api_key", "typed-or-not")
                .field("input_mutators", List.of(Map.of("default.addPrefix", Map.of("prefix", "Be brief. "))))
                .customHost("http://h")
                .customHost(null)
                .field("azure_extra_params", JSON.readTree("{\"x\":1}"))
                .field("dropped", null)
                .build();

        assertEquals(
                "{\"provider\":\"azure-ai\",\"api_key\":\"typed-or-not\",\"azure_foundry_url\":\"https://f.example\","
                        + "\"cb_config\":{\"failure_threshold\":5},"
                        + "\"input_mutators\":[{\"default.addPrefix\":{\"prefix\":\"Be brief. \"}}],"
                        + "\"azure_extra_params\":{\"x\":1}}",
                config.toJson());
        assertThrows(
                IllegalArgumentException.class, () -> PortkeyConfig.builder().field(" ", 1));
    }

    @Test
    void nonAsciiIsEscapedSoTheJsonFitsInAHeader() throws IOException {
        PortkeyConfig config = PortkeyConfig.builder()
                .name("café")
                .provider("openai")
                .apiKey("k")
                .overrideParams(Map.of("model", "模型", "stop", "\u007f", "emoji", "😀"))
                .build();

        String json = config.toJson();
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c <= 0x7E), json);
        assertTrue(json.contains("\"caf\\u00E9\""), json);
        assertTrue(json.contains("\\uD83D\\uDE00"), "a surrogate pair as two escapes: " + json);
        assertEquals("模型", JSON.readTree(json).at("/override_params/model").asText());
        assertEquals("😀", JSON.readTree(json).at("/override_params/emoji").asText());
        assertEquals("\u007f", JSON.readTree(json).at("/override_params/stop").asText());
        assertEquals("café", config.toJsonNode().get("name").asText(), "the tree keeps the characters");
    }

    @Test
    void valuesAreImmutable() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", "a");
        Target.Builder builder = Target.builder().provider("openai").overrideParams(params);
        Target first = builder.build();

        params.put("model", "changed");
        builder.provider("anthropic");
        ObjectNode copy = first.toJsonNode();
        copy.put("provider", "mutated");

        assertEquals("{\"provider\":\"openai\",\"override_params\":{\"model\":\"a\"}}", first.toJson());
        assertEquals("anthropic", builder.build().toJsonNode().get("provider").asText());
        Target derived = first.newBuilder().apiKey("k").build();
        assertEquals(
                "{\"provider\":\"openai\",\"api_key\":\"k\",\"override_params\":{\"model\":\"a\"}}", derived.toJson());
        assertNotEquals(first, derived);
        Strategy fallback = Strategy.fallback();
        fallback.withOnStatusCodes(500);
        assertEquals("{\"mode\":\"fallback\"}", fallback.toJson(), "withers return copies");
    }

    @Test
    void toStringMasksCredentials() {
        PortkeyConfig config = PortkeyConfig.builder()
                .strategy(Strategy.fallback())
                .addTarget(Target.builder()
                        .provider("bedrock")
                        .awsAccessKeyId("AKIA")
                        .awsSecretAccessKey("s3cr3t")
                        .awsSessionToken("t0k3n")
                        .build())
                .addTarget(Target.builder().provider("openai").apiKey("sk-live").build())
                .build();

        String text = config.toString();
        assertFalse(text.contains("s3cr3t") || text.contains("t0k3n") || text.contains("sk-live"), text);
        assertTrue(text.startsWith("PortkeyConfig{") && text.contains("\"api_key\":\"***\""), text);
        assertTrue(config.toJson().contains("sk-live"), "only toString masks");
    }

    @Test
    void rejectsValuesThePortkeySchemaCannotHold() {
        assertThrows(IllegalStateException.class, () -> Strategy.fallback().withCondition(Map.of(), "a"));
        assertThrows(IllegalStateException.class, () -> Strategy.loadbalance().withDefault("a"));
        assertThrows(IllegalArgumentException.class, () -> Retry.attempts(-1));
        assertThrows(IllegalArgumentException.class, () -> Retry.attempts(1).withOnStatusCodes(42));
        assertThrows(IllegalArgumentException.class, () -> Strategy.fallback().withOnStatusCodes(600));
        assertThrows(IllegalArgumentException.class, () -> Cache.simple().withMaxAge(-1));
        assertThrows(IllegalArgumentException.class, () -> Target.builder().weight(-0.5));
        assertThrows(IllegalArgumentException.class, () -> Target.builder().weight(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Target.builder().requestTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void jacksonSerialisesConfigValuesAsTheirJson() throws IOException {
        Target target = Target.builder().provider("openai").apiKey("k").build();

        String json = JSON.writeValueAsString(Map.of("targets", List.of(target), "retry", Retry.attempts(1)));

        assertEquals(
                JSON.readTree("{\"targets\":[{\"provider\":\"openai\",\"api_key\":\"k\"}],\"retry\":{\"attempts\":1}}"),
                JSON.readTree(json));
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
